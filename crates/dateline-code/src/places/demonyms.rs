//! Demonyms and country adjectives ("Israeli", "Palestinians", "U.S.", "British") → the
//! ISO-3 code of the country they name, from dateline's hand-written table
//! `data/gazetteer/demonyms.tsv` (compiled into the binary; its header gives the rules).
//!
//! Conventions: a form matches whatever its case ("ISRAELI", "Israeli") but only when the
//! word is capitalised, as English writes demonyms — so "pole", "turkey" or "us" in running
//! text are not countries; forms with no lower-case letter ("U.S.", "UK") match only as
//! written. Regular plurals (+s) are accepted; see the table for the exceptions.
//!
//! Known limits: ambiguous adjectives go to one country (the table says which); ethnic and
//! religious groups that are not a country ("Kurdish", "Arab") are not resolved.

use std::collections::HashMap;

use once_cell::sync::Lazy;

/// The table as shipped.
pub const DEMONYMS: &str = include_str!("../../../../data/gazetteer/demonyms.tsv");

/// Lower-cased form → (ISO3, whether the form is an all-capitals abbreviation matched only
/// as written).
struct Table {
    forms: HashMap<String, (&'static str, Option<&'static str>)>,
}

static TABLE: Lazy<Table> = Lazy::new(|| {
    let mut forms = HashMap::new();
    for line in DEMONYMS.lines() {
        if line.starts_with('#') || line.trim().is_empty() {
            continue;
        }
        let Some((iso3, list)) = line.split_once('\t') else {
            continue;
        };
        for form in list.split('|').map(str::trim).filter(|f| !f.is_empty()) {
            let exact = (!form.chars().any(char::is_lowercase)).then_some(form);
            forms
                .entry(form.to_lowercase())
                .or_insert((iso3.trim(), exact));
        }
    }
    Table { forms }
});

/// Forms whose plural is not form + "s".
fn takes_plural_s(form: &str) -> bool {
    !["s", "sh", "ch", "x", "z", "ese", "men", "."]
        .iter()
        .any(|end| form.ends_with(end))
}

/// The ISO-3 country a demonym or country adjective names: "Israeli", "Israelis",
/// "PALESTINIANS", "U.S.", "North Korean" → `ISR`, `ISR`, `PSE`, `USA`, `PRK`. `None` for
/// anything else, for uncapitalised words and for the words of a country's name itself
/// (use the gazetteer for those).
pub fn demonym_country(word: &str) -> Option<&'static str> {
    let word = word.trim();
    if !word.chars().next().is_some_and(char::is_uppercase) {
        return None;
    }
    let lower = word.to_lowercase().replace('\u{2019}', "'");
    let table = &*TABLE;
    let check = |key: &str| {
        table.forms.get(key).and_then(|&(iso3, exact)| match exact {
            Some(exact) => (exact == word).then_some(iso3),
            None => Some(iso3),
        })
    };
    if let Some(iso3) = check(&lower) {
        return Some(iso3);
    }
    let singular = lower.strip_suffix('s')?;
    let iso3 = check(singular)?;
    takes_plural_s(singular).then_some(iso3)
}

/// Every (form, ISO3) pair in the table, in file order (for documentation and tests).
pub fn demonym_table() -> Vec<(&'static str, &'static str)> {
    let mut out = Vec::new();
    for line in DEMONYMS.lines() {
        if line.starts_with('#') {
            continue;
        }
        if let Some((iso3, list)) = line.split_once('\t') {
            out.extend(
                list.split('|')
                    .map(str::trim)
                    .filter(|f| !f.is_empty())
                    .map(|f| (f, iso3.trim())),
            );
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn forms_plurals_and_case() {
        let cases = [
            ("Israeli", Some("ISR")),
            ("Israelis", Some("ISR")),
            ("PALESTINIANS", Some("PSE")),
            ("Palestinian", Some("PSE")),
            ("Americans", Some("USA")),
            ("U.S.", Some("USA")),
            ("British", Some("GBR")),
            ("Britons", Some("GBR")),
            ("Frenchmen", Some("FRA")),
            ("Swiss", Some("CHE")),
            ("Chinese", Some("CHN")),
            ("Afghans", Some("AFG")),
            ("Iraqis", Some("IRQ")),
            ("North Korean", Some("PRK")),
            ("Syrian", Some("SYR")),
            ("Egyptians", Some("EGY")),
            ("Qatari", Some("QAT")),
            ("Turkish", Some("TUR")),
            // Not demonyms, or not capitalised.
            ("us", None),
            ("Us", None),
            ("pole", None),
            ("Poles", Some("POL")),
            ("Chineses", None),
            ("Britishs", None),
            ("Israel", None),
            ("", None),
            ("Kerry", None),
        ];
        for (word, want) in cases {
            assert_eq!(demonym_country(word), want, "{word}");
        }
    }

    #[test]
    fn table_codes_are_iso3() {
        let table = demonym_table();
        assert!(table.len() > 250, "{}", table.len());
        for (form, iso3) in table {
            assert!(
                iso3.len() == 3 && iso3.chars().all(|c| c.is_ascii_uppercase()),
                "{form}: {iso3}"
            );
        }
    }
}
