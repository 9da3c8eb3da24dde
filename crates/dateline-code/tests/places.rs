//! Places: gazetteer build, demonyms, and the geocoder on the hand-written test set
//! (`tests/data/geocode_cases.tsv`), on ambiguous names in context and on the seed article.

use std::path::{Path, PathBuf};
use std::sync::OnceLock;

use dateline_code::places::gazetteer::{self, Gazetteer, BUNDLED_GAZETTEER};
use dateline_code::places::{
    distance_km, sentence_location, Geocoder, MentionSource, Place, PlaceHints, PlaceKind,
};
use dateline_nlp::pipeline::Analyzer;

fn shared() -> Option<PathBuf> {
    let dir = std::env::var_os("DATELINE_SHARED")
        .map(PathBuf::from)
        .unwrap_or_else(|| Path::new(env!("CARGO_MANIFEST_DIR")).join("../../../shared"));
    if dir.is_dir() {
        Some(dir)
    } else {
        println!("skipped: {} is missing", dir.display());
        None
    }
}

fn analyzer() -> &'static Analyzer {
    static A: OnceLock<Analyzer> = OnceLock::new();
    A.get_or_init(|| Analyzer::bundled().unwrap())
}

fn geocoder() -> &'static Geocoder {
    static G: OnceLock<Geocoder> = OnceLock::new();
    G.get_or_init(|| Geocoder::bundled().unwrap())
}

fn places_of(text: &str) -> Vec<Place> {
    let sentences = analyzer().analyze(text);
    geocoder().resolve_article(text, &sentences, &PlaceHints::default())
}

/// The place resolved for the first occurrence of `mention` in `text`, if any.
fn place_for<'a>(text: &str, mention: &str, places: &'a [Place]) -> Option<&'a Place> {
    let start = text.find(mention)?;
    let end = start + mention.len();
    places.iter().find(|p| p.start < end && start < p.end)
}

struct Case {
    line: usize,
    sentence: String,
    mention: String,
    country: String,
    lat: f64,
    lon: f64,
}

fn cases() -> Vec<Case> {
    let path = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/data/geocode_cases.tsv");
    let text = std::fs::read_to_string(&path).unwrap();
    let mut out = Vec::new();
    for (i, line) in text.lines().enumerate() {
        if line.starts_with('#') || line.starts_with("sentence\t") || line.trim().is_empty() {
            continue;
        }
        let cols: Vec<&str> = line.split('\t').collect();
        assert_eq!(cols.len(), 5, "line {}: {line}", i + 1);
        out.push(Case {
            line: i + 1,
            sentence: cols[0].to_string(),
            mention: cols[1].to_string(),
            country: cols[2].to_string(),
            lat: cols[3].parse().unwrap(),
            lon: cols[4].parse().unwrap(),
        });
    }
    out
}

/// The test set's figures: (cases, country accuracy, median error in km, share within
/// 50 km). A mention left unresolved counts as a wrong country and a 20,000 km error.
pub fn test_set_figures(verbose: bool) -> (usize, f64, f64, f64) {
    let cases = cases();
    let mut right = 0usize;
    let mut errors = Vec::new();
    for c in &cases {
        assert!(
            c.sentence.contains(&c.mention),
            "line {}: mention not in sentence",
            c.line
        );
        let places = places_of(&c.sentence);
        let got = place_for(&c.sentence, &c.mention, &places);
        let (country_ok, km) = match got {
            Some(p) => (
                p.resolved.country == c.country,
                distance_km(p.resolved.lat, p.resolved.lon, c.lat, c.lon),
            ),
            None => (false, 20_000.0),
        };
        right += usize::from(country_ok);
        errors.push(km);
        if verbose && (!country_ok || km > 50.0) {
            println!(
                "line {}: {:?} → {} (want {}, {:.0} km off) in {:?}",
                c.line,
                c.mention,
                got.map_or("nothing".to_string(), |p| format!(
                    "{} {} {}",
                    p.resolved.resolved_name,
                    p.resolved.country,
                    p.resolved.kind.as_str()
                )),
                c.country,
                km,
                c.sentence
            );
        }
    }
    errors.sort_by(f64::total_cmp);
    let median = if errors.is_empty() {
        f64::NAN
    } else if errors.len() % 2 == 1 {
        errors[errors.len() / 2]
    } else {
        (errors[errors.len() / 2 - 1] + errors[errors.len() / 2]) / 2.0
    };
    let within50 = errors.iter().filter(|&&e| e <= 50.0).count() as f64 / errors.len() as f64;
    (
        cases.len(),
        right as f64 / cases.len() as f64,
        median,
        within50,
    )
}

#[test]
fn geocode_test_set() {
    let (n, accuracy, median, within50) = test_set_figures(true);
    println!(
        "geocode test set: {n} mentions, country accuracy {:.1} %, median error {median:.1} km, within 50 km {:.1} %",
        accuracy * 100.0,
        within50 * 100.0
    );
    assert!(n >= 150, "{n} cases");
    assert!(accuracy >= 0.95, "country accuracy {accuracy:.3}");
    assert!(median <= 25.0, "median error {median:.1} km");
}

/// The seed article's gold places (Gaza Strip, Cairo within 50 km, Israel, Egypt, Qatar,
/// Turkey, Ramallah within 50 km) are all found with the right country.
#[test]
fn seed_places() {
    let Some(dir) = shared() else { return };
    let text = std::fs::read_to_string(dir.join("seed/kerry-ceasefire-2014.txt")).unwrap();
    let gold: serde_json::Value = serde_json::from_str(
        &std::fs::read_to_string(dir.join("seed/kerry-ceasefire-2014.gold.json")).unwrap(),
    )
    .unwrap();
    let places = places_of(&text);
    let mut core = 0;
    let mut found = 0;
    for g in gold["places"].as_array().unwrap() {
        if g["core"] != serde_json::Value::Bool(true) {
            continue;
        }
        core += 1;
        let name = g["name"].as_str().unwrap();
        let country = g["country"].as_str().unwrap();
        let hit = places.iter().find(|p| {
            p.name == name
                && p.resolved.country == country
                && match (g["lat"].as_f64(), g["lon"].as_f64()) {
                    (Some(lat), Some(lon)) => {
                        distance_km(p.resolved.lat, p.resolved.lon, lat, lon) <= 50.0
                    }
                    _ => true,
                }
        });
        println!("seed place {name} ({country}): {}", hit.is_some());
        found += usize::from(hit.is_some());
    }
    assert_eq!(core, 7);
    assert_eq!(found, core, "seed place recall {found}/{core}");
    // "Kerry flew to Cairo": the sentence's location is Cairo.
    let cairo = places.iter().find(|p| p.name == "Cairo").unwrap();
    let located = sentence_location(&places, cairo.sentence_index).unwrap();
    assert_eq!(located.resolved.resolved_name, "Cairo");
    // No person or common word became a place.
    for p in &places {
        assert!(
            ![
                "Kerry",
                "Obama",
                "Ban",
                "Earnest",
                "White House",
                "South",
                "Lawn"
            ]
            .contains(&p.name.as_str()),
            "{p:?}"
        );
    }
}

fn resolve_one(text: &str, mention: &str, hints: &PlaceHints) -> Place {
    let sentences = analyzer().analyze(text);
    let places = geocoder().resolve_article(text, &sentences, hints);
    place_for(text, mention, &places)
        .unwrap_or_else(|| panic!("{mention:?} not found in {text:?}: {places:?}"))
        .clone()
}

/// The ambiguous names, each in two contexts.
#[test]
fn ambiguous_names_follow_context() {
    let none = PlaceHints::default();
    let cases = [
        (
            "Paris",
            "A storm hit Paris, Texas, overnight.",
            "USA",
            Some("Texas"),
        ),
        (
            "Paris",
            "Thousands marched in Paris on Saturday.",
            "FRA",
            None,
        ),
        (
            "Georgia",
            "Russia and Georgia fought a brief war in 2008.",
            "GEO",
            None,
        ),
        (
            "Georgia",
            "Storms battered Georgia and Alabama, the governor's office in Atlanta said.",
            "USA",
            Some("Georgia"),
        ),
        (
            "Tripoli",
            "Gunmen attacked a hotel in Tripoli, Libya.",
            "LBY",
            None,
        ),
        (
            "Tripoli",
            "Gunfire rang out in Tripoli, Lebanon, on Sunday.",
            "LBN",
            None,
        ),
        (
            "Washington",
            "Washington warned Tehran against retaliation.",
            "USA",
            Some("District of Columbia"),
        ),
        (
            "Washington",
            "Snow closed mountain passes in Washington state.",
            "USA",
            Some("Washington"),
        ),
    ];
    for (mention, text, country, admin1) in cases {
        let p = resolve_one(text, mention, &none);
        assert_eq!(p.resolved.country, country, "{text}: {p:?}");
        if let Some(admin1) = admin1 {
            assert_eq!(p.resolved.admin1.as_deref(), Some(admin1), "{text}: {p:?}");
        }
    }
    // The US capital, not the state: the city's GeoNames id.
    let p = resolve_one("Washington warned Tehran.", "Washington", &none);
    assert_eq!(p.resolved.geonameid, Some(4140963));
    assert_eq!(p.resolved.kind, PlaceKind::City);
}

/// The dateline and the actors' countries decide between equals.
#[test]
fn hints_decide_between_equals() {
    // Córdoba: Argentina's is the larger city; a Spanish dateline flips it.
    let text = "Police said the march in Córdoba was peaceful.";
    let plain = resolve_one(text, "Córdoba", &PlaceHints::default());
    assert_eq!(plain.resolved.country, "ARG");
    let madrid = PlaceHints {
        dateline: Some("MADRID".into()),
        actor_countries: vec![],
    };
    assert_eq!(
        resolve_one(text, "Córdoba", &madrid).resolved.country,
        "ESP"
    );
    let spain = PlaceHints {
        dateline: None,
        actor_countries: vec!["ESP".into()],
    };
    assert_eq!(resolve_one(text, "Córdoba", &spain).resolved.country, "ESP");
    // A dateline in the text itself.
    let text = "SEVILLE, Spain (AP) — Police said the march in Córdoba was peaceful.";
    let p = resolve_one(text, "Córdoba", &PlaceHints::default());
    assert_eq!(p.resolved.country, "ESP");
    let seville = resolve_one(text, "SEVILLE", &PlaceHints::default());
    assert_eq!(seville.source, MentionSource::Dateline);
    assert_eq!(seville.resolved.country, "ESP");
}

#[test]
fn resolve_name_and_dateline() {
    let g = geocoder();
    let hints = PlaceHints::default();
    let cairo = g.resolve_name("CAIRO", &hints).unwrap();
    assert_eq!(
        (cairo.country.as_str(), cairo.kind),
        ("EGY", PlaceKind::City)
    );
    let paris = g.resolve_name("Paris, Texas", &hints).unwrap();
    assert_eq!(paris.admin1.as_deref(), Some("Texas"));
    let alexandria = g.resolve_name("Alexandria, Va.", &hints).unwrap();
    assert_eq!(alexandria.country, "USA");
    assert!(g.resolve_name("Xyzzyville", &hints).is_none());
    assert_eq!(
        dateline_code::places::find_dateline("GAZA CITY, Gaza Strip (AP) — Text."),
        Some((0, 9))
    );
    assert_eq!(
        dateline_code::places::find_dateline("Kerry said — no."),
        None
    );
}

/// Rebuilding from the shared data gives the shipped bytes.
#[test]
fn rebuild_is_byte_identical() {
    let Some(dir) = shared() else { return };
    let data = gazetteer::build(&dir.join("data/gazetteer")).unwrap();
    let bytes = data.to_bytes().unwrap();
    assert!(
        bytes == BUNDLED_GAZETTEER,
        "rebuilt gazetteer differs from data/gazetteer/gazetteer.bin ({} vs {} bytes): run `dateline build-gazetteer`",
        bytes.len(),
        BUNDLED_GAZETTEER.len()
    );
    assert!(bytes.len() <= 4 * 1024 * 1024, "{} bytes", bytes.len());
    let again = gazetteer::build(&dir.join("data/gazetteer")).unwrap();
    assert_eq!(again.to_bytes().unwrap(), bytes);
}

#[test]
fn bundled_gazetteer_contents() {
    let started = std::time::Instant::now();
    let g = Gazetteer::bundled().unwrap();
    println!(
        "bundled gazetteer loaded in {:?} (debug build)",
        started.elapsed()
    );
    let data = g.data();
    assert!(data.countries.len() >= 240);
    assert!(data.cities.len() > 30_000);
    for c in &data.countries {
        assert!(
            c.lat.is_finite() && c.lon.is_finite(),
            "{} has no coordinates",
            c.iso3
        );
    }
    let israel = g.country("ISR").unwrap();
    assert!(distance_km(israel.lat, israel.lon, 31.4, 35.0) < 100.0);
    let usa = g.country("USA").unwrap();
    // The contiguous states' middle, not a point pulled north by Alaska.
    assert!(
        distance_km(usa.lat, usa.lon, 39.5, -98.5) < 400.0,
        "{usa:?}"
    );
    assert!(!g.lookup("Khan Younis").is_empty());
    assert!(!g.lookup("Raqqa").is_empty());
    assert!(!g.lookup("gaza strip").is_empty());
}

/// Every country with at least 100,000 people has a demonym, except the two whose
/// adjective is their neighbour's.
#[test]
fn demonyms_cover_countries() {
    let g = Gazetteer::bundled().unwrap();
    let table = dateline_code::places::demonyms::demonym_table();
    let mut missing = Vec::new();
    for c in &g.data().countries {
        if c.population >= 100_000
            && !["DMA", "COG"].contains(&c.iso3.as_str())
            && !table.iter().any(|(_, iso3)| *iso3 == c.iso3)
        {
            missing.push(c.iso3.clone());
        }
    }
    assert!(missing.is_empty(), "no demonym for {missing:?}");
    for (_, iso3) in table {
        assert!(
            g.country(iso3).is_some(),
            "{iso3} is not a gazetteer country"
        );
    }
}

proptest::proptest! {
    #![proptest_config(proptest::prelude::ProptestConfig::with_cases(64))]
    /// The geocoder never panics, on any text, with or without hints, and its offsets
    /// index the text.
    #[test]
    fn geocoder_never_panics(text in "\\PC{0,200}", dateline in proptest::option::of("\\PC{0,20}")) {
        let sentences = analyzer().analyze(&text);
        let hints = PlaceHints { dateline, actor_countries: vec!["USA".into()] };
        let places = geocoder().resolve_article(&text, &sentences, &hints);
        for p in &places {
            proptest::prop_assert!(text.get(p.start..p.end).is_some());
        }
        let _ = geocoder().resolve_name(&text, &hints);
        let _ = dateline_code::places::find_dateline(&text);
        let _ = dateline_code::places::demonym_country(&text);
    }

    /// Capitalised gibberish and real names mixed with arbitrary punctuation.
    #[test]
    fn geocoder_never_panics_on_namey_text(words in proptest::collection::vec(
        proptest::prop_oneof![
            proptest::strategy::Just("Paris".to_string()),
            proptest::strategy::Just(",".to_string()),
            proptest::strategy::Just("Texas".to_string()),
            proptest::strategy::Just("Port-au-Prince".to_string()),
            proptest::strategy::Just("Va.".to_string()),
            proptest::strategy::Just("CAIRO (AP) —".to_string()),
            proptest::strategy::Just("\u{201c}".to_string()),
            "[A-Z][a-zé]{0,8}",
        ], 0..30)) {
        let text = words.join(" ");
        let sentences = analyzer().analyze(&text);
        let _ = geocoder().resolve_article(&text, &sentences, &PlaceHints::default());
    }
}

/// Byte offset of code point `n` of `text` (re3d counts code points).
fn byte_at(text: &str, n: usize) -> Option<usize> {
    text.char_indices()
        .map(|(b, _)| b)
        .chain(std::iter::once(text.len()))
        .nth(n)
}

/// The places benchmark (`bench/places/run.sh`): the test set's figures and, on the Location
/// entities of re3d (Syria/Iraq conflict documents from CENTCOM, the US State Department, the
/// UK Government, Australia's DFAT and Wikipedia), the share resolved and the share resolved
/// to a country the document does not name. Writes `$PLACES_BENCH_OUT` (JSON) when set.
#[test]
#[ignore = "benchmark: run by bench/places/run.sh"]
fn bench_places() {
    let Some(dir) = shared() else { return };
    // Load time of the bundled gazetteer (decode + index), best of five.
    let load_ms = (0..5)
        .map(|_| {
            let t = std::time::Instant::now();
            let g = Gazetteer::bundled().unwrap();
            let ms = t.elapsed().as_secs_f64() * 1000.0;
            drop(g);
            ms
        })
        .fold(f64::INFINITY, f64::min);
    let (cases, accuracy, median, within50) = test_set_figures(false);
    let re3d = dir.join("data/ner/re3d");
    let mut sources = Vec::new();
    let (mut all, mut all_resolved, mut named, mut named_resolved, mut outside) = (0, 0, 0, 0, 0);
    let mut outside_examples = Vec::new();
    let (mut reported, mut not_location) = (0usize, 0usize);
    let mut not_location_examples = Vec::new();
    let mut unresolved_examples = Vec::new();
    let (mut analyse_secs, mut geocode_secs, mut docs_count) = (0.0, 0.0, 0usize);
    let mut names: Vec<_> = std::fs::read_dir(&re3d)
        .unwrap()
        .filter_map(|e| e.ok())
        .filter(|e| e.path().join("documents.json").is_file())
        .map(|e| e.file_name().to_string_lossy().into_owned())
        .collect();
    names.sort();
    for source in names {
        let read_lines = |file: &str| -> Vec<serde_json::Value> {
            std::fs::read_to_string(re3d.join(&source).join(file))
                .unwrap()
                .lines()
                .filter(|l| !l.trim().is_empty())
                .map(|l| serde_json::from_str(l).unwrap())
                .collect()
        };
        let documents = read_lines("documents.json");
        let entities = read_lines("entities.json");
        let (mut s_all, mut s_resolved) = (0, 0);
        for doc in &documents {
            let id = doc["_id"].as_str().unwrap();
            let text = doc["text"].as_str().unwrap();
            let t0 = std::time::Instant::now();
            let sentences = analyzer().analyze(text);
            let t1 = std::time::Instant::now();
            let places = geocoder().resolve_article(text, &sentences, &PlaceHints::default());
            analyse_secs += (t1 - t0).as_secs_f64();
            geocode_secs += t1.elapsed().as_secs_f64();
            docs_count += 1;
            // The countries the document names: its country mentions and demonyms.
            let mut named_countries: std::collections::HashSet<String> = places
                .iter()
                .filter(|p| p.resolved.kind == PlaceKind::Country)
                .map(|p| p.resolved.country.clone())
                .collect();
            for s in &sentences {
                for w in &s.words {
                    if let Some(iso3) = dateline_code::places::demonym_country(&w.form) {
                        named_countries.insert(iso3.to_string());
                    }
                }
            }
            // Places the geocoder reports where re3d marks no Location (a precision proxy:
            // re3d marks nationalities and organisations separately, and misses some).
            let gold_spans: Vec<(usize, usize, String)> = entities
                .iter()
                .filter(|e| e["documentId"] == id)
                .filter_map(|e| {
                    let start = byte_at(text, e["begin"].as_u64()? as usize)?;
                    let end = byte_at(text, e["end"].as_u64()? as usize)?;
                    Some((start, end, e["type"].as_str()?.to_string()))
                })
                .collect();
            for p in &places {
                let types: Vec<&str> = gold_spans
                    .iter()
                    .filter(|(s, e, _)| *s < p.end && p.start < *e)
                    .map(|(_, _, t)| t.as_str())
                    .collect();
                reported += 1;
                if !types.contains(&"Location") {
                    not_location += 1;
                    // Countries re3d leaves unmarked are many and right; show the others.
                    if p.resolved.kind != PlaceKind::Country && not_location_examples.len() < 40 {
                        not_location_examples.push(format!(
                            "{} ({}) [{}]",
                            p.name,
                            p.resolved.country,
                            if types.is_empty() {
                                "unmarked".to_string()
                            } else {
                                types.join(",")
                            }
                        ));
                    }
                }
            }
            for e in entities
                .iter()
                .filter(|e| e["documentId"] == id && e["type"] == "Location")
            {
                let value = e["value"].as_str().unwrap_or("");
                let (Some(start), Some(end)) = (
                    e["begin"].as_u64().and_then(|b| byte_at(text, b as usize)),
                    e["end"].as_u64().and_then(|b| byte_at(text, b as usize)),
                ) else {
                    continue;
                };
                let is_named = value.chars().next().is_some_and(char::is_uppercase);
                let hit = places.iter().find(|p| p.start < end && start < p.end);
                all += 1;
                s_all += 1;
                named += usize::from(is_named);
                if let Some(p) = hit {
                    all_resolved += 1;
                    s_resolved += 1;
                    named_resolved += usize::from(is_named);
                    if !named_countries.contains(&p.resolved.country) {
                        outside += 1;
                        if outside_examples.len() < 40 {
                            outside_examples.push(format!(
                                "{value} → {} ({})",
                                p.resolved.resolved_name, p.resolved.country
                            ));
                        }
                    }
                } else if is_named && unresolved_examples.len() < 60 {
                    unresolved_examples.push(value.to_string());
                }
            }
        }
        sources.push(serde_json::json!({
            "source": source, "documents": documents.len(), "locations": s_all, "resolved": s_resolved,
        }));
    }
    let share = |a: usize, b: usize| if b == 0 { 0.0 } else { a as f64 / b as f64 };
    let report = serde_json::json!({
        "test_set": {
            "mentions": cases,
            "country_accuracy": accuracy,
            "median_error_km": median,
            "within_50_km": within50,
        },
        "re3d": {
            "documents": docs_count,
            "location_mentions": all,
            "resolved": all_resolved,
            "resolved_share": share(all_resolved, all),
            "named_location_mentions": named,
            "named_resolved": named_resolved,
            "named_resolved_share": share(named_resolved, named),
            "resolved_outside_named_countries": outside,
            "outside_share_of_resolved": share(outside, all_resolved),
            "by_source": sources,
            "outside_examples": outside_examples,
            "unresolved_named_examples": unresolved_examples,
            "places_reported": reported,
            "places_not_on_a_location": not_location,
            "not_on_a_location_share": share(not_location, reported),
            "not_on_a_location_examples": not_location_examples,
        },
        "time": {
            "gazetteer_load_ms_best_of_5": load_ms,
            "analyse_seconds": analyse_secs,
            "geocode_seconds": geocode_secs,
            "geocode_share_of_analysis": share_f(geocode_secs, analyse_secs),
            "build": if cfg!(debug_assertions) { "debug" } else { "release" },
        },
    });
    let text = serde_json::to_string_pretty(&report).unwrap();
    println!("{text}");
    if let Ok(out) = std::env::var("PLACES_BENCH_OUT") {
        std::fs::write(&out, format!("{text}\n")).unwrap();
    }
}

fn share_f(a: f64, b: f64) -> f64 {
    if b > 0.0 {
        a / b
    } else {
        0.0
    }
}

#[test]
#[ignore = "prints the seed's places as JSON"]
fn print_seed_places() {
    let Some(dir) = shared() else { return };
    let text = std::fs::read_to_string(dir.join("seed/kerry-ceasefire-2014.txt")).unwrap();
    for p in places_of(&text) {
        println!("{}", serde_json::to_string(&p).unwrap());
    }
}
