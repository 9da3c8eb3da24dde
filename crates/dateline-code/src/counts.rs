//! Counts: tolls, arrests, abductions, displacement, troop deployments and crowd sizes read
//! off an article ("more than 500 Palestinians have been killed", "killing at least eight
//! people", "an estimated 1,000 ground troops", "tens of thousands of demonstrators").
//!
//! # What it owns
//! [`extract_counts`] turns an article's analysed sentences into [`Count`]s: what happened to
//! the counted people ([`CountKind`]), how many (a lower bound, an upper bound for ranges and
//! vague amounts, and the text's hedge as a [`Qualifier`]), who they are (the counted noun
//! phrase as written and its country), the word that says what happened (the trigger), and
//! the event the count belongs to when the sentence names one ("fighting that has killed
//! thousands" → "fighting"). Every part carries byte offsets into the article text and the
//! sentence's index, so a caller can link a count to a coded event, a place or a date.
//!
//! # What it reads
//! - Quantity phrases from [`dateline_nlp::numbers::find_quantities`] (digits, number words,
//!   hedges, ranges, vague amounts); plus the determiner "no" before a noun ("no casualties",
//!   "no Israelis were killed"), read as zero.
//! - The dependency parse: the number's noun phrase and that phrase's role — passive subject
//!   of "killed", object of "killing", subject of "died"/"fled"/"rallied", object of "left …
//!   dead", the figure a "death toll" rose to, a "crowd of" so many. A noun phrase that is a
//!   conjunct takes its first conjunct's role, so "more than 500 Palestinians and more than
//!   two-dozen Israelis have been killed" gives two counts; a conjunct the parse leaves
//!   unattached shares the trigger of the count right after it ("15 rebels and 9 soldiers
//!   were killed").
//! - Word order where the parse is off: "12 killed", "500 dead", "3 people injured", "N …
//!   were killed", "killing N" are read from the words next to the number.
//! - `country_of`, the caller's lookup from a word or phrase ("Israeli", "Palestinians") to a
//!   country code; it is asked about the counted phrase's words, then the whole phrase, and,
//!   for deployed troops, about the deploying side ("Israel's military").
//!
//! # Conventions
//! - One count per quantity phrase. A number becomes a count only when it is tied to a
//!   trigger; a number alone ("two messages", "one senior official") is not a count.
//! - Vague amounts stay ranges with the numbers module's conventional bounds ("dozens" 24–99,
//!   "tens of thousands" 20,000–99,999); `value` is the lower bound, `high` the upper.
//! - Not counts: years, dates, ages ("a 23-year-old", "aged 23"), money, percentages, times,
//!   durations and measures ("two weeks", "5 km"), identifiers ("Flight 17", "Resolution
//!   242").
//! - `event` is `None` when the sentence names no event apart from the trigger itself; then
//!   the trigger ("Gunmen killed 12": "killed") is the event word to link on.
//! - A count of part of a group counted before it ("… killed, including five children") is
//!   kept, marked `subset`, so that adding counts up does not count people twice.
//! - The phrase span is the quantity without a trailing "of" ("dozens", not "dozens of").
//!
//! # Known limits
//! - "Casualties" is read as killed, though papers also use it for killed and wounded
//!   together.
//! - Counts spread over sentences ("Twelve people died. Three of them were children.") and
//!   counts given as differences ("the toll rose by 12") are not linked or reconciled.
//! - Only English trigger words; the lists are below and meant to be extended.
//! - Sentences of more than [`MAX_SENTENCE_WORDS`] words are skipped.
//! - A four-digit number from 1800 to 2100 written without a comma is taken for a year
//!   even before a noun ("1500 people" is missed; news style writes "1,500").
//! - "Who" is the noun phrase as written: "people" or "others" when that is what the text
//!   says; the country of a counted group comes only from the words of that group (and the
//!   deploying side for troops), never from where the event happened.

use dateline_nlp::numbers::{find_quantities, parse_quantity, Qualifier, Quantity};
use dateline_nlp::pipeline::{AnalyzedSentence, Word};
use dateline_nlp::tokenize::Span;
use serde::Serialize;

use crate::coder::{children_of, TextSpan};

/// What happened to the counted people.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum CountKind {
    /// Killed, dead, died, deaths, fatalities, casualties, death toll.
    Killed,
    /// Wounded, injured, hurt.
    Wounded,
    /// Arrested, detained, jailed, imprisoned.
    Arrested,
    /// Abducted, kidnapped, taken hostage.
    Abducted,
    /// Displaced, fled, refugees, evacuated, made homeless.
    Displaced,
    /// Troops (police, peacekeepers…) sent, deployed, stationed.
    Deployed,
    /// The size of a crowd of protesters, demonstrators or a rally.
    Protesters,
}

impl CountKind {
    /// The kind's name as serialised (`killed`, `wounded`, …).
    pub fn as_str(self) -> &'static str {
        match self {
            CountKind::Killed => "killed",
            CountKind::Wounded => "wounded",
            CountKind::Arrested => "arrested",
            CountKind::Abducted => "abducted",
            CountKind::Displaced => "displaced",
            CountKind::Deployed => "deployed",
            CountKind::Protesters => "protesters",
        }
    }
}

/// One count read off an article, with its evidence.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Count {
    pub kind: CountKind,
    /// The number; for a range or a vague amount, its lower bound.
    pub value: f64,
    /// The upper bound of a range or vague amount ("dozens" → 99); `None` for one number.
    pub high: Option<f64>,
    pub qualifier: Qualifier,
    /// The counted noun phrase as written ("Palestinians", "Israeli soldiers", "ground
    /// troops"); `None` for a bare number ("killing 12", "dozens were arrested"). A plain
    /// string, as scorers and GKG-style readers take it; its offsets are in `who_span`.
    pub who: Option<String>,
    /// Byte offsets of `who` in the article text.
    pub who_span: Option<Span>,
    /// ISO-3 / CAMEO country of the counted people, from `country_of`.
    pub country: Option<String>,
    /// The word(s) saying what happened: "killed", "death toll", "refugees", "dead".
    pub trigger: TextSpan,
    /// The quantity phrase: "more than 500", "an estimated 1,000", "no one".
    pub phrase: TextSpan,
    /// Index of the sentence in the slice given to [`extract_counts`].
    pub sentence_index: usize,
    /// The phrase counts part of a group counted before it ("eight members of one family,
    /// including five children, were killed"; "among them 12 minors"; "four of them
    /// seriously"): a reader adding counts up skips it.
    pub subset: bool,
    /// The event the count belongs to when the sentence names one apart from the trigger:
    /// "fighting" in "fighting that has killed thousands", "strike" in "an air strike killed
    /// 12", "exploded" in "a bomb exploded, killing eight".
    pub event: Option<TextSpan>,
    /// Links the article stage ([`crate::article`]) fills in: the index (in the article's
    /// `events`) of the coded event the toll belongs to, the count's date (ISO, at its
    /// precision) and whether the sentence or the article gave it.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub event_index: Option<usize>,
    pub date: Option<String>,
    pub date_source: Option<crate::dates::DateSource>,
    /// Where: the place of the count's sentence, else the article's dateline.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub location: Option<crate::coder::EventLocation>,
}

/// Sentences longer than this are skipped: they are tables, lists or failed sentence splits,
/// not prose, and reading a parse costs up to the square of its length.
pub const MAX_SENTENCE_WORDS: usize = 1000;

/// Every count in an article.
///
/// `text` is the article text the sentences' byte offsets point into; `country_of` maps a
/// word or phrase naming a group ("Israeli", "Palestinians", "Israel") to its country code.
/// Counts come in text order.
pub fn extract_counts(
    text: &str,
    sentences: &[AnalyzedSentence],
    country_of: &dyn Fn(&str) -> Option<String>,
) -> Vec<Count> {
    let mut counts = Vec::new();
    for (sentence_index, sentence) in sentences.iter().enumerate() {
        if sentence.words.len() > MAX_SENTENCE_WORDS {
            continue;
        }
        let view = View::new(text, sentence);
        // Right to left, so that a conjunct the parse left unattached can share the trigger
        // of the count after it ("15 rebels and 9 soldiers were killed").
        let mut sentence_counts = Vec::new();
        let mut next: Option<(usize, Link)> = None;
        for candidate in view.candidates().iter().rev() {
            if let Some((count, link)) = view.count(candidate, sentence_index, next, country_of) {
                next = Some((candidate.first, link));
                sentence_counts.push(count);
            }
        }
        counts.extend(sentence_counts.into_iter().rev());
    }
    counts
}

// ---------------------------------------------------------------------------------------
// Vocabulary. Lemmas (lower case) unless said otherwise.

/// Verbs whose object (or passive subject) is the counted people.
fn transitive_trigger(lemma: &str) -> Option<CountKind> {
    use CountKind::*;
    Some(match lemma {
        "kill" | "slay" | "murder" | "massacre" | "execute" | "behead" | "assassinate"
        | "slaughter" => Killed,
        "wound" | "injure" | "hurt" | "maim" => Wounded,
        "arrest" | "detain" | "jail" | "imprison" | "apprehend" | "incarcerate" => Arrested,
        "abduct" | "kidnap" => Abducted,
        "displace" | "evacuate" | "uproot" | "expel" => Displaced,
        "deploy" | "redeploy" | "station" | "dispatch" | "send" | "mobilize" | "mobilise"
        | "amass" | "mass" | "position" => Deployed,
        _ => return None,
    })
}

/// Deployment verbs other than "deploy" itself need a troop noun ("sent 12 letters" is not
/// a deployment).
fn deploy_needs_troops(lemma: &str) -> bool {
    !matches!(lemma, "deploy" | "redeploy")
}

/// Verbs whose subject is the counted people.
fn intransitive_trigger(lemma: &str) -> Option<CountKind> {
    use CountKind::*;
    Some(match lemma {
        "die" | "perish" | "drown" => Killed,
        "flee" => Displaced,
        "protest" | "demonstrate" | "rally" | "march" => Protesters,
        _ => return None,
    })
}

/// Words that, right after a number or its noun, say what happened: "500 dead", "12
/// killed", "3 people injured", "10,000 homeless". Surface forms.
fn participle_trigger(form: &str) -> Option<CountKind> {
    use CountKind::*;
    Some(match form {
        "dead" | "killed" | "slain" | "murdered" | "executed" | "massacred" | "drowned" => Killed,
        "wounded" | "injured" | "hurt" | "maimed" => Wounded,
        "arrested" | "detained" | "jailed" | "imprisoned" => Arrested,
        "abducted" | "kidnapped" | "kidnaped" => Abducted,
        "displaced" | "homeless" | "evacuated" | "uprooted" => Displaced,
        "deployed" | "stationed" => Deployed,
        "hostage" | "hostages" => Abducted,
        _ => return None,
    })
}

/// Nouns that are themselves a count's trigger ("500 deaths", "thousands of refugees").
/// `true` when the noun names the counted people ("refugees"), `false` when it names what
/// happened to them ("deaths"), whose modifiers then are the counted group ("civilian").
fn noun_trigger(lemma: &str) -> Option<(CountKind, bool)> {
    // The lemmatizer sometimes leaves a plural ("hostages"); try the singular too.
    noun_trigger_singular(lemma).or_else(|| {
        let singular = lemma
            .strip_suffix("ies")
            .map(|stem| format!("{stem}y"))
            .or_else(|| lemma.strip_suffix('s').map(str::to_string))?;
        noun_trigger_singular(&singular)
    })
}

fn noun_trigger_singular(lemma: &str) -> Option<(CountKind, bool)> {
    use CountKind::*;
    Some(match lemma {
        "death" | "fatality" | "casualty" | "killing" => (Killed, false),
        "dead" => (Killed, true),
        "injury" => (Wounded, false),
        "wounded" | "injured" => (Wounded, true),
        "arrest" | "detention" => (Arrested, false),
        "detainee" => (Arrested, true),
        "abduction" | "kidnapping" => (Abducted, false),
        "hostage" | "abductee" => (Abducted, true),
        "refugee" | "evacuee" | "idp" | "displaced" | "homeless" => (Displaced, true),
        "protester" | "protestor" | "demonstrator" | "marcher" | "rioter" => (Protesters, true),
        _ => return None,
    })
}

/// People nouns for verbs that take people and things alike ("seized 43 students", not
/// "seized 12 rifles").
fn is_person_noun(lemma: &str) -> bool {
    is_troop_noun(lemma)
        || matches!(
            lemma,
            "people"
                | "person"
                | "man"
                | "men"
                | "woman"
                | "women"
                | "child"
                | "children"
                | "boy"
                | "girl"
                | "schoolgirl"
                | "schoolboy"
                | "student"
                | "pupil"
                | "worker"
                | "civilian"
                | "villager"
                | "resident"
                | "passenger"
                | "tourist"
                | "foreigner"
                | "journalist"
                | "reporter"
                | "crew"
                | "sailor"
                | "fisherman"
                | "farmer"
                | "pilgrim"
                | "worshipper"
                | "hostage"
                | "employee"
                | "engineer"
                | "doctor"
                | "nurse"
                | "teacher"
                | "priest"
                | "nun"
                | "missionary"
                | "national"
                | "citizen"
                | "member"
                | "other"
        )
}

/// Nouns for troops, police and other forces a deployment verb moves. Proper-noun plurals
/// keep their form as lemma ("Airmen", "Marines"), so those are reduced here.
fn is_troop_noun(lemma: &str) -> bool {
    let singular = if let Some(stem) = lemma.strip_suffix("men") {
        format!("{stem}man")
    } else {
        lemma.strip_suffix('s').unwrap_or(lemma).to_string()
    };
    is_troop_singular(lemma) || is_troop_singular(&singular)
}

fn is_troop_singular(lemma: &str) -> bool {
    matches!(
        lemma,
        "troop"
            | "troops"
            | "soldier"
            | "force"
            | "forces"
            | "personnel"
            | "police"
            | "policeman"
            | "officer"
            | "reservist"
            | "peacekeeper"
            | "marine"
            | "paratrooper"
            | "commando"
            | "adviser"
            | "advisor"
            | "guard"
            | "serviceman"
            | "servicemember"
            | "sailor"
            | "airman"
            | "fighter"
            | "militiaman"
            | "gendarme"
            | "reinforcement"
            | "contractor"
            | "agent"
            | "monitor"
            | "observer"
    )
}

/// Nouns naming a crowd whose size is given by an "of" phrase ("a crowd of 5,000").
fn is_crowd_noun(lemma: &str) -> bool {
    matches!(
        lemma,
        "crowd"
            | "rally"
            | "protest"
            | "demonstration"
            | "march"
            | "gathering"
            | "sit-in"
            | "vigil"
    )
}

/// Nouns after a number that make it a duration, a measure, money or a score, not people.
fn is_non_count_noun(lemma: &str) -> bool {
    matches!(
        lemma,
        "second"
            | "minute"
            | "hour"
            | "day"
            | "week"
            | "month"
            | "year"
            | "decade"
            | "century"
            | "time"
            | "night"
            | "km"
            | "kilometre"
            | "kilometer"
            | "mile"
            | "metre"
            | "meter"
            | "m"
            | "foot"
            | "feet"
            | "inch"
            | "yard"
            | "kg"
            | "kilogram"
            | "gram"
            | "ton"
            | "tonne"
            | "pound"
            | "ounce"
            | "acre"
            | "hectare"
            | "square"
            | "barrel"
            | "litre"
            | "liter"
            | "gallon"
            | "dollar"
            | "euro"
            | "cent"
            | "yuan"
            | "yen"
            | "rupee"
            | "shekel"
            | "ruble"
            | "rouble"
            | "dinar"
            | "riyal"
            | "lira"
            | "franc"
            | "peso"
            | "usd"
            | "percent"
            | "per"
            | "%"
            | "point"
            | "degree"
            | "vote"
            | "seat"
            | "page"
            | "round"
            | "goal"
            | "am"
            | "pm"
            | "a.m."
            | "p.m."
            | "gmt"
            | "o'clock"
    )
}

/// Nouns and verbs naming an event a count can belong to.
fn is_event_word(lemma: &str) -> bool {
    matches!(
        lemma,
        "attack"
            | "strike"
            | "airstrike"
            | "raid"
            | "bombing"
            | "bomb"
            | "blast"
            | "explosion"
            | "explode"
            | "detonate"
            | "fighting"
            | "fight"
            | "clash"
            | "violence"
            | "shelling"
            | "shell"
            | "bombardment"
            | "bombard"
            | "barrage"
            | "fire"
            | "gunfire"
            | "shooting"
            | "shootout"
            | "firefight"
            | "assault"
            | "offensive"
            | "operation"
            | "battle"
            | "war"
            | "conflict"
            | "hostility"
            | "hostilities"
            | "insurgency"
            | "incursion"
            | "invasion"
            | "ambush"
            | "crackdown"
            | "protest"
            | "demonstration"
            | "rally"
            | "riot"
            | "unrest"
            | "uprising"
            | "massacre"
            | "crash"
            | "collision"
            | "stampede"
            | "earthquake"
            | "flood"
            | "flooding"
            | "storm"
            | "cyclone"
            | "hurricane"
            | "landslide"
            | "rocket"
            | "missile"
            | "mortar"
            | "skirmish"
            | "siege"
            | "campaign"
            | "incident"
            | "accident"
    )
}

/// Nouns for a running total ("the death toll rose to 45").
fn toll_kind(sentence: &View, index: usize) -> Option<CountKind> {
    let word = sentence.word(index)?;
    let lemma = word_lemma(word);
    if matches!(lemma.as_str(), "number" | "tally" | "count") {
        // "the number of dead", "the number of people killed", "the tally of deaths".
        return sentence.children(index).find_map(|c| {
            let child = sentence.word(c)?;
            if !matches!(child.deprel.as_str(), "nmod" | "acl" | "amod") {
                return None;
            }
            participle_trigger(&word_form(child))
                .or_else(|| noun_trigger(&word_lemma(child)).map(|(kind, _)| kind))
                .or_else(|| {
                    sentence.children(c).find_map(|g| {
                        let grandchild = sentence.word(g)?;
                        grandchild
                            .deprel
                            .starts_with("acl")
                            .then(|| participle_trigger(&word_form(grandchild)))
                            .flatten()
                    })
                })
        });
    }
    if lemma != "toll" {
        return None;
    }
    // The toll's compound says what it counts; a bare "toll" in news is a death toll.
    let kind = sentence
        .children(index)
        .filter(|&c| sentence.word(c).is_some_and(|w| w.deprel == "compound"))
        .find_map(|c| match sentence.word(c).map(word_lemma).as_deref() {
            Some("injury") => Some(CountKind::Wounded),
            Some("arrest") => Some(CountKind::Arrested),
            _ => None,
        })
        .unwrap_or(CountKind::Killed);
    Some(kind)
}

const MONTHS: &[&str] = &[
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
    "jan",
    "feb",
    "mar",
    "apr",
    "jun",
    "jul",
    "aug",
    "sep",
    "sept",
    "oct",
    "nov",
    "dec",
];

/// Auxiliaries and adverbs allowed between a counted phrase and a passive participle ("12
/// people have reportedly been killed").
fn is_aux_gap(form: &str) -> bool {
    matches!(
        form,
        "was"
            | "were"
            | "is"
            | "are"
            | "be"
            | "been"
            | "being"
            | "have"
            | "has"
            | "had"
            | "reportedly"
            | "also"
            | "all"
            | "already"
            | "since"
            | "now"
            | "so"
            | "far"
            | "either"
            | "later"
            | "allegedly"
            | "reported"
            | "confirmed"
            | "believed"
            | "feared"
            | "to"
            | "thought"
            | "said"
    )
}

/// A word's lemma, lower case. Irregular verbs the trigger lists need are looked up by
/// form first: the statistical lemmatizer sometimes guesses ("fled" → "flead").
fn word_lemma(word: &Word) -> String {
    let form = word.form.to_lowercase();
    if let Some(lemma) = irregular_lemma(&form) {
        return lemma.to_string();
    }
    let lemma = if word.lemma.is_empty() || word.lemma == "_" {
        &word.form
    } else {
        &word.lemma
    };
    lemma.to_lowercase()
}

fn irregular_lemma(form: &str) -> Option<&'static str> {
    Some(match form {
        "fled" | "flees" | "fleeing" => "flee",
        "slain" | "slew" => "slay",
        "shot" => "shoot",
        "sent" => "send",
        "took" | "taken" => "take",
        "left" => "leave",
        "lost" => "lose",
        "drove" | "driven" => "drive",
        "rose" | "risen" => "rise",
        "stood" => "stand",
        "died" | "dying" => "die",
        "lives" => "life",
        _ => return None,
    })
}

fn word_form(word: &Word) -> String {
    word.form.to_lowercase()
}

fn is_nominal(word: &Word) -> bool {
    matches!(word.upos.as_str(), "NOUN" | "PROPN" | "NUM" | "PRON")
}

// ---------------------------------------------------------------------------------------
// One sentence, with child lists.

struct View<'a> {
    text: &'a str,
    sentence: &'a AnalyzedSentence,
    children: Vec<Vec<usize>>,
}

/// A quantity phrase and the words it covers (`first..end`, 0-based word indexes).
struct Candidate {
    quantity: Quantity,
    start: usize,
    end_byte: usize,
    first: usize,
    end: usize,
}

/// How many conjoined verbs [`View::event_of`] walks up ("killing …, wounding … and
/// displacing …").
const MAX_CONJUNCT_DEPTH: usize = 8;

/// A count's trigger: its kind, the trigger's first word and its main word.
type Link = (CountKind, usize, usize);

/// The counted noun phrase: words `first..=head`.
#[derive(Clone, Copy)]
struct Phrase {
    first: usize,
    head: usize,
}

impl<'a> View<'a> {
    fn new(text: &'a str, sentence: &'a AnalyzedSentence) -> Self {
        let children = children_of(&sentence.words);
        View {
            text,
            sentence,
            children,
        }
    }

    fn word(&self, index: usize) -> Option<&'a Word> {
        self.sentence.words.get(index)
    }

    fn len(&self) -> usize {
        self.sentence.words.len()
    }

    fn head(&self, index: usize) -> Option<usize> {
        let head = self.word(index)?.head.checked_sub(1)?;
        (head != index && head < self.len()).then_some(head)
    }

    fn children(&self, index: usize) -> impl Iterator<Item = usize> + '_ {
        self.children.get(index).into_iter().flatten().copied()
    }

    fn child_with(&self, index: usize, deprel: &str) -> Option<usize> {
        self.children(index)
            .find(|&c| self.word(c).is_some_and(|w| w.deprel == deprel))
    }

    fn lemma(&self, index: usize) -> String {
        self.word(index).map(word_lemma).unwrap_or_default()
    }

    fn form(&self, index: usize) -> String {
        self.word(index).map(word_form).unwrap_or_default()
    }

    fn span(&self, first: usize, last: usize) -> Option<TextSpan> {
        let (a, b) = (self.word(first)?, self.word(last)?);
        let text = self.text.get(a.start..b.end)?;
        (a.start < b.end).then(|| TextSpan {
            text: text.to_string(),
            start: a.start,
            end: b.end,
        })
    }

    /// Quantity phrases of the sentence, and "no" before a noun read as zero.
    fn candidates(&self) -> Vec<Candidate> {
        let sentence = self.sentence;
        let Some(sentence_text) = self.text.get(sentence.start..sentence.end) else {
            return Vec::new();
        };
        let mut found: Vec<Candidate> = Vec::new();
        let mut in_quantity = vec![false; self.len()];
        // Quantities and words both run left to right: one pass over the words (a sentence
        // of a hundred thousand numbers stays linear).
        let mut cursor = 0;
        for quantity in find_quantities(sentence_text) {
            let start = sentence.start + quantity.span.start;
            let end_byte = sentence.start + quantity.span.end;
            while self.word(cursor).is_some_and(|w| w.start < start) {
                cursor += 1;
            }
            let first = cursor;
            while self
                .word(cursor)
                .is_some_and(|w| w.start < w.end && w.end <= end_byte)
            {
                cursor += 1;
            }
            if cursor > first {
                for flag in in_quantity.iter_mut().take(cursor).skip(first) {
                    *flag = true;
                }
                let candidate = Candidate {
                    quantity: quantity.quantity,
                    start,
                    end_byte,
                    first,
                    end: cursor,
                };
                found.push(self.with_half(candidate));
            }
        }
        // "no casualties", "no Israelis were killed": zero, when the next word starts a noun
        // phrase and the "no" is not already part of a quantity ("no one", "no fewer than").
        for index in 0..self.len() {
            let Some(word) = self.word(index) else {
                continue;
            };
            let next_is_noun = self
                .word(index + 1)
                .is_some_and(|w| matches!(w.upos.as_str(), "NOUN" | "PROPN" | "ADJ"));
            if word_form(word) == "no"
                && next_is_noun
                && !in_quantity.get(index).copied().unwrap_or(false)
            {
                found.push(Candidate {
                    quantity: Quantity::exact(0.0),
                    start: word.start,
                    end_byte: word.end,
                    first: index,
                    end: index + 1,
                });
            }
        }
        found.sort_by_key(|c| c.first);
        found
    }

    /// "half a million": the numbers module reads no fractions and finds "a million", so the
    /// "half" (and a hedge before it: "almost half a million") is read here.
    fn with_half(&self, candidate: Candidate) -> Candidate {
        let Some(half) = candidate.first.checked_sub(1) else {
            return candidate;
        };
        let starts_with_one = matches!(self.form(candidate.first).as_str(), "a" | "one");
        if self.form(half) != "half" || !starts_with_one {
            return candidate;
        }
        let Some(half_word) = self.word(half) else {
            return candidate;
        };
        let mut quantity = candidate.quantity;
        quantity.value *= 0.5;
        quantity.high = quantity.high.map(|high| high * 0.5);
        let mut first = half;
        let mut start = half_word.start;
        // A hedge of up to three words before "half", read by the numbers module itself.
        for words in (1..=3).rev() {
            let Some(hedge_first) = half.checked_sub(words) else {
                continue;
            };
            let (Some(a), Some(b)) = (self.word(hedge_first), self.word(half - 1)) else {
                continue;
            };
            let hedge = self.text.get(a.start..b.end).unwrap_or("");
            let read = parse_quantity(&format!("{hedge} 1"));
            if let Some(read) = read.filter(|q| q.qualifier != Qualifier::Exact) {
                quantity.qualifier = read.qualifier;
                first = hedge_first;
                start = a.start;
                break;
            }
        }
        Candidate {
            quantity,
            start,
            first,
            ..candidate
        }
    }

    /// Whether the number is a year, a date, an age, money, a percentage, a time or an id.
    fn is_not_a_count(&self, candidate: &Candidate) -> bool {
        let before = self.text.get(..candidate.start).unwrap_or("");
        let after = self.text.get(candidate.end_byte..).unwrap_or("");
        let phrase = self
            .text
            .get(candidate.start..candidate.end_byte)
            .unwrap_or("");
        // Money, percentages, ages and compounds: "$5", "12%", "23-year-old", "3-day".
        if phrase.starts_with(['$', '€', '£', '¥'])
            || before.ends_with(['$', '€', '£', '¥'])
            || after.starts_with('%')
        {
            return true;
        }
        let mut after_chars = after.chars();
        if after_chars.next() == Some('-') && after_chars.next().is_some_and(char::is_alphabetic) {
            return true;
        }
        let previous = candidate
            .first
            .checked_sub(1)
            .map(|i| self.form(i))
            .unwrap_or_default();
        let next = self.form(candidate.end);
        if MONTHS.contains(&previous.as_str())
            || MONTHS.contains(&next.as_str())
            || matches!(
                previous.as_str(),
                "aged" | "age" | "ages" | "no." | "number"
            )
            || is_non_count_noun(&next)
            || next == "per"
        {
            return true;
        }
        // A year: four plain digits from 1800 to 2100 ("in 2012", "since 2009").
        let digits = phrase.trim();
        if digits.len() == 4
            && digits.bytes().all(|b| b.is_ascii_digit())
            && (1800.0..=2100.0).contains(&candidate.quantity.value)
        {
            return true;
        }
        // An identifier: a number after the noun it names ("Flight 17", "Resolution 242").
        if candidate.end - candidate.first == 1 {
            let number = candidate.first;
            if let (Some(head), Some(word)) = (self.head(number), self.word(number)) {
                let head_word = self.word(head);
                if head < number
                    && head + 1 == number
                    && head_word.is_some_and(|h| {
                        matches!(h.upos.as_str(), "PROPN" | "NOUN")
                            && h.form.starts_with(char::is_uppercase)
                    })
                    && word.deprel != "obj"
                {
                    return true;
                }
            }
        }
        false
    }

    /// The noun phrase a quantity counts: "500 [Palestinians]", "dozens of [protesters]",
    /// "1,000 [ground troops]".
    fn counted_phrase(&self, candidate: &Candidate) -> Option<Phrase> {
        let mut first = candidate.end;
        // "dozens of protesters", "three of its soldiers" (the "of" may end the quantity).
        let mut partitive = candidate
            .end
            .checked_sub(1)
            .is_some_and(|last| self.form(last) == "of");
        if self.form(first) == "of" {
            first += 1;
            partitive = true;
        }
        if partitive
            && matches!(
                self.form(first).as_str(),
                "the" | "these" | "those" | "its" | "their" | "his" | "her" | "our" | "your"
            )
        {
            first += 1;
        }
        let mut run_end = first;
        // "35 more innocent civilians", "450 additional troops" (often tagged as adverbs).
        if matches!(
            self.form(first).as_str(),
            "more" | "other" | "additional" | "extra" | "further"
        ) {
            run_end += 1;
        }
        while self.word(run_end).is_some_and(|w| {
            matches!(w.upos.as_str(), "ADJ" | "NOUN" | "PROPN")
                || (w.upos == "VERB" && w.deprel == "amod")
                || (w.form == "-" && run_end > first)
        }) {
            // "2,000 people homeless", "500 dead": a trigger adjective ends the phrase
            // unless a noun follows it ("three wounded soldiers").
            let ends_phrase = participle_trigger(&self.form(run_end)).is_some()
                && self
                    .word(run_end)
                    .is_some_and(|w| !matches!(w.upos.as_str(), "NOUN" | "PROPN"))
                && !self
                    .word(run_end + 1)
                    .is_some_and(|w| matches!(w.upos.as_str(), "NOUN" | "PROPN"));
            if ends_phrase {
                break;
            }
            run_end += 1;
        }
        // The phrase's head: the first word whose head lies outside the quantity and run.
        let inside = |i: usize| (candidate.first..run_end).contains(&i);
        let head = (first..run_end)
            .find(|&i| !matches!(self.head(i), Some(h) if inside(h)))
            .or_else(|| run_end.checked_sub(1).filter(|&i| i >= first))?;
        let word = self.word(head)?;
        matches!(word.upos.as_str(), "NOUN" | "PROPN").then_some(Phrase { first, head })
    }

    /// The word whose relation to the rest of the sentence is the counted group's role.
    fn role_word(&self, candidate: &Candidate, phrase: Option<Phrase>) -> Option<usize> {
        let end = phrase.map_or(candidate.end, |p| p.head + 1);
        let inside = |i: usize| (candidate.first..end).contains(&i);
        let mut role = match phrase {
            Some(p) if !matches!(self.head(p.head), Some(h) if inside(h)) => p.head,
            _ => (candidate.first..end).find(|&i| !matches!(self.head(i), Some(h) if inside(h)))?,
        };
        // A conjunct shares its first conjunct's role ("500 Palestinians and 24 Israelis").
        for _ in 0..self.len() {
            let Some(word) = self.word(role) else { break };
            match self.head(role) {
                Some(head) if word.deprel == "conj" && self.word(head).is_some_and(is_nominal) => {
                    role = head
                }
                _ => break,
            }
        }
        Some(role)
    }

    /// The trigger tied to a role by the parse: (kind, trigger first word, trigger word).
    fn tree_trigger(
        &self,
        role: usize,
        phrase: Option<Phrase>,
        candidate: &Candidate,
    ) -> Option<Link> {
        let word = self.word(role)?;
        let head = self.head(role)?;
        let head_lemma = self.lemma(head);
        let deprel = word.deprel.as_str();
        let troops = phrase.is_some_and(|p| is_troop_noun(&self.lemma(p.head)));
        let passive = deprel == "nsubj:pass"
            || (deprel == "nsubj" && self.child_with(head, "aux:pass").is_some());
        // An oblique only when its preposition is part of the quantity ("between 10 and 15").
        let bare_oblique = deprel == "obl"
            && self
                .children(role)
                .all(|c| self.word(c).is_some_and(|w| w.deprel != "case") || candidate.first <= c);
        if let Some(kind) = transitive_trigger(&head_lemma) {
            let deploy_ok =
                kind != CountKind::Deployed || troops || !deploy_needs_troops(&head_lemma);
            if deploy_ok && (deprel == "obj" || deprel == "iobj" || passive || bare_oblique) {
                return Some((kind, head, head));
            }
        }
        if let Some(kind) = intransitive_trigger(&head_lemma) {
            if deprel == "nsubj" {
                return Some((kind, head, head));
            }
        }
        // "12 are dead", "three people were injured" read as adjectives.
        if deprel == "nsubj" {
            if let Some(kind) = participle_trigger(&self.form(head)) {
                if self.word(head).is_some_and(|w| w.upos == "ADJ") {
                    return Some((kind, head, head));
                }
            }
            // "12 people lost their lives".
            if head_lemma == "lose"
                && self
                    .child_with(head, "obj")
                    .is_some_and(|o| self.lemma(o) == "life")
            {
                return Some((CountKind::Killed, head, head));
            }
        }
        if deprel == "obj" || passive {
            // "shot 3 dead", "left 10,000 homeless", "took 20 hostage", "forced 5,000 to flee".
            for child in self.children(head) {
                let Some(child_word) = self.word(child) else {
                    continue;
                };
                if child == role || !matches!(child_word.deprel.as_str(), "xcomp" | "obj" | "advcl")
                {
                    continue;
                }
                let kind = participle_trigger(&word_form(child_word))
                    .filter(|_| child_word.upos == "ADJ")
                    .or_else(|| intransitive_trigger(&word_lemma(child_word)))
                    .or_else(|| {
                        (word_lemma(child_word) == "hostage").then_some(CountKind::Abducted)
                    });
                if let Some(kind) = kind {
                    return Some((kind, head.min(child), child));
                }
            }
            // "forced 50,000 people from their homes", "drove thousands from their villages".
            if matches!(head_lemma.as_str(), "force" | "drive" | "chase") {
                let from_home = self.children(role).chain(self.children(head)).any(|c| {
                    matches!(
                        self.lemma(c).as_str(),
                        "home" | "house" | "village" | "town"
                    ) && self
                        .children(c)
                        .any(|g| matches!(self.form(g).as_str(), "from" | "out"))
                });
                if from_home {
                    return Some((CountKind::Displaced, head, head));
                }
            }
        }
        // "claimed the lives of 12 people".
        if head_lemma == "life" && matches!(deprel, "nmod" | "obj" | "nsubj:pass") {
            if let Some(verb) = self.head(head) {
                if matches!(self.lemma(verb).as_str(), "claim" | "take" | "cost") {
                    return Some((CountKind::Killed, verb, head));
                }
            }
        }
        // "The rally drew 5,000 people", "protests attracted tens of thousands".
        if deprel == "obj"
            && self
                .child_with(head, "nsubj")
                .is_some_and(|s| is_crowd_noun(&self.lemma(s)))
        {
            if let Some(subject) = self.child_with(head, "nsubj") {
                return Some((CountKind::Protesters, self.compound_start(subject), subject));
            }
        }
        // "took 256 prisoners", "captured 40 prisoners".
        if matches!(head_lemma.as_str(), "take" | "capture")
            && deprel == "obj"
            && phrase.is_some_and(|p| self.lemma(p.head) == "prisoner")
        {
            return Some((CountKind::Arrested, head, head));
        }
        // "gunmen seized 43 students": seizing people is abducting them.
        if matches!(head_lemma.as_str(), "seize" | "snatch" | "grab")
            && (deprel == "obj" || passive)
            && phrase.is_some_and(|p| is_person_noun(&self.lemma(p.head)))
        {
            return Some((CountKind::Abducted, head, head));
        }
        if deprel == "nsubj" {
            // "thousands gathered … to protest", "5,000 took to the streets".
            let protest_clause = matches!(
                head_lemma.as_str(),
                "gather" | "assemble" | "converge" | "turn" | "come" | "mass"
            ) && self.children(head).any(|c| {
                self.word(c)
                    .is_some_and(|w| matches!(w.deprel.as_str(), "advcl" | "xcomp"))
                    && intransitive_trigger(&self.lemma(c)) == Some(CountKind::Protesters)
            });
            let streets = head_lemma == "take"
                && self.children(head).any(|c| {
                    matches!(self.lemma(c).as_str(), "street" | "streets")
                        && self.word(c).is_some_and(|w| w.deprel == "obl")
                });
            if protest_clause || streets {
                return Some((CountKind::Protesters, head, head));
            }
        }
        // "10,000 people took part in the march", "thousands joined the protest".
        if deprel == "nsubj" {
            let crowd_child = self.children(head).find(|&c| {
                self.word(c)
                    .is_some_and(|w| matches!(w.deprel.as_str(), "obj" | "obl"))
                    && is_crowd_noun(&self.lemma(c))
            });
            let takes_part = head_lemma != "take"
                || self
                    .child_with(head, "obj")
                    .is_some_and(|o| self.lemma(o) == "part");
            if let Some(crowd) = crowd_child
                .filter(|_| takes_part && matches!(head_lemma.as_str(), "take" | "join" | "attend"))
            {
                return Some((CountKind::Protesters, crowd, crowd));
            }
        }
        None
    }

    /// A death toll the number is the figure of: "the death toll rose to 45", "a death toll
    /// of 45", "raising the toll to 45".
    fn toll_trigger(&self, role: usize) -> Option<Link> {
        let head = self.head(role)?;
        if let Some(kind) = toll_kind(self, head) {
            return Some((kind, self.compound_start(head), head));
        }
        self.children(head)
            .filter(|&c| c != role)
            .filter(|&c| {
                self.word(c)
                    .is_some_and(|w| matches!(w.deprel.as_str(), "nsubj" | "obj" | "nsubj:pass"))
            })
            .find_map(|c| toll_kind(self, c).map(|kind| (kind, self.compound_start(c), c)))
    }

    /// The first word of a noun with its compounds ("air strike", "death toll").
    fn compound_start(&self, index: usize) -> usize {
        self.children(index)
            .filter(|&c| c < index && self.word(c).is_some_and(|w| w.deprel == "compound"))
            .min()
            .unwrap_or(index)
    }

    /// A participle right after a number or its noun: "500 dead", "3 injured", "20 aid
    /// workers hostage" — unless it is an active verb with its own object ("12 soldiers
    /// killed 30 militants": the 12 are the killers).
    fn participle_after(&self, after: usize) -> Option<Link> {
        let word = self.word(after)?;
        let kind = participle_trigger(&word_form(word))?;
        let active = word.upos == "VERB" && self.child_with(after, "obj").is_some();
        (!active).then_some((kind, after, after))
    }

    /// Word-order triggers after the counted phrase: "500 dead", "12 people killed", "N …
    /// were killed", "35 Iraqi soldiers died".
    fn surface_trigger(&self, candidate: &Candidate, phrase: Option<Phrase>) -> Option<Link> {
        let after = phrase.map_or(candidate.end, |p| p.head + 1);
        if let Some(found) = self.participle_after(after) {
            return Some(found);
        }
        // Directly after, an intransitive verb: "35 Iraqi soldiers died", "thousands fled".
        if let Some(word) = self.word(after) {
            if let Some(kind) = intransitive_trigger(&word_lemma(word)) {
                if word.upos == "VERB" {
                    return Some((kind, after, after));
                }
            }
        }
        // After auxiliaries: "N people have reportedly been killed".
        let mut next = after;
        let mut saw_aux = false;
        while self.word(next).is_some_and(|w| is_aux_gap(&word_form(w))) {
            saw_aux = true;
            next += 1;
        }
        if saw_aux {
            if let Some(word) = self.word(next) {
                let form = word_form(word);
                if let Some(kind) = participle_trigger(&form) {
                    return Some((kind, next, next));
                }
                if let Some(kind) = intransitive_trigger(&word_lemma(word)) {
                    if word.upos == "VERB" {
                        return Some((kind, next, next));
                    }
                }
            }
        }
        None
    }

    /// A trigger verb right before the number: "killing 12", "arrested dozens", "shot dead
    /// three". Word order this close beats the parse, which often hangs the second of two
    /// coordinated counts on the first ("killed 35 civilians and injured scores of others").
    fn verb_before(&self, candidate: &Candidate, phrase: Option<Phrase>) -> Option<Link> {
        let before = candidate.first.checked_sub(1)?;
        // "shot dead three Palestinians", "beaten dead".
        if self.form(before) == "dead" {
            if let Some(verb) = before
                .checked_sub(1)
                .filter(|&v| self.word(v).is_some_and(|w| w.upos == "VERB"))
            {
                return Some((CountKind::Killed, verb, before));
            }
        }
        let word = self.word(before)?;
        let lemma = word_lemma(word);
        let form = word_form(word);
        let kind = transitive_trigger(&lemma)?;
        let troops = phrase.is_some_and(|p| is_troop_noun(&self.lemma(p.head)));
        // A verb by its form or tag, or after a modal or "to" ("will station 4,000 troops",
        // where the tagger took "station" for a noun).
        let after_modal = before
            .checked_sub(1)
            .and_then(|i| self.word(i))
            .is_some_and(|w| w.upos == "AUX" || word_form(w) == "to");
        let verb_form =
            form.ends_with("ing") || form.ends_with("ed") || word.upos == "VERB" || after_modal;
        (verb_form && (kind != CountKind::Deployed || troops || !deploy_needs_troops(&lemma)))
            .then_some((kind, before, before))
    }

    /// The counted noun itself names what happened or who: "500 deaths", "thousands of
    /// refugees", "a crowd of 5,000", "5,000 troops stationed there".
    fn noun_trigger(&self, role: usize, phrase: Option<Phrase>) -> Option<Link> {
        if let Some(p) = phrase {
            if let Some((kind, _)) = noun_trigger(&self.lemma(p.head)) {
                return Some((kind, p.head, p.head));
            }
            // "40 wounded soldiers", "12 detained activists".
            let modifier = (p.first..p.head).find_map(|i| {
                let word = self.word(i)?;
                (word.deprel == "amod")
                    .then(|| participle_trigger(&word_form(word)))
                    .flatten()
                    .map(|kind| (kind, i, i))
            });
            if modifier.is_some() {
                return modifier;
            }
            if is_troop_noun(&self.lemma(p.head)) {
                let deployed_by = self.children(p.head).find(|&c| {
                    self.word(c).is_some_and(|w| w.deprel.starts_with("acl"))
                        && participle_trigger(&self.form(c)) == Some(CountKind::Deployed)
                });
                if let Some(verb) = deployed_by {
                    return Some((CountKind::Deployed, verb, verb));
                }
                // "The U.S. has about 2,500 troops in Afghanistan", "keeps 28,500 soldiers
                // in South Korea": a standing deployment somewhere.
                if let Some(verb) = self.head(p.head).filter(|&v| {
                    matches!(self.lemma(v).as_str(), "have" | "keep" | "maintain")
                        && self.word(p.head).is_some_and(|w| w.deprel == "obj")
                }) {
                    let placed = self.children(p.head).chain(self.children(verb)).any(|c| {
                        self.word(c)
                            .is_some_and(|w| matches!(w.deprel.as_str(), "nmod" | "obl"))
                            && self.children(c).any(|g| {
                                matches!(self.form(g).as_str(), "in" | "on" | "at" | "across")
                            })
                    });
                    if placed {
                        return Some((CountKind::Deployed, verb, verb));
                    }
                }
            }
        }
        let head = self.head(role)?;
        let deprel = self.word(role)?.deprel.as_str();
        if is_crowd_noun(&self.lemma(head)) && matches!(deprel, "nmod" | "nummod" | "appos") {
            return Some((CountKind::Protesters, head, head));
        }
        // "a crowd estimated at 50,000", "police put the crowd at 20,000".
        if deprel == "obl" && self.word(head).is_some_and(|w| w.upos == "VERB") {
            let crowd = self
                .head(head)
                .filter(|&h| is_crowd_noun(&self.lemma(h)))
                .or_else(|| {
                    self.children(head)
                        .find(|&c| c != role && is_crowd_noun(&self.lemma(c)))
                });
            if let Some(crowd) = crowd {
                return Some((CountKind::Protesters, crowd, crowd));
            }
        }
        None
    }

    /// The event a trigger belongs to, when the sentence names one apart from the trigger.
    /// `depth` bounds the walk up a chain of conjoined verbs (a malformed parse may loop).
    fn event_of(&self, trigger: usize, depth: usize) -> Option<usize> {
        let event_child = |word: usize| {
            self.children(word).find(|&c| {
                self.word(c).is_some_and(|w| {
                    matches!(
                        w.deprel.as_str(),
                        "nsubj" | "obl" | "advcl" | "nmod" | "obl:agent" | "csubj"
                    )
                }) && is_event_word(&self.lemma(c))
            })
        };
        if let Some(child) = event_child(trigger) {
            return Some(child);
        }
        // "… were killed when a shell hit their house": the clause's event noun.
        let clause_event = self.children(trigger).find_map(|c| {
            (self.word(c)?.deprel == "advcl")
                .then(|| self.child_with(c, "nsubj"))
                .flatten()
                .filter(|&s| is_event_word(&self.lemma(s)))
        });
        if clause_event.is_some() {
            return clause_event;
        }
        let word = self.word(trigger)?;
        let head = self.head(trigger);
        match word.deprel.as_str() {
            // "fighting that has killed thousands" (a relative clause, sometimes parsed as
            // the head's complement).
            deprel
                if deprel.starts_with("acl")
                    || (deprel == "ccomp"
                        && self
                            .children(trigger)
                            .any(|c| matches!(self.form(c).as_str(), "that" | "which"))) =>
            {
                head.filter(|&h| is_event_word(&self.lemma(h)))
            }
            // "a bomb exploded, killing eight": the head clause's event noun, else its verb.
            "advcl" | "xcomp" => {
                let head = head?;
                if let Some(child) = event_child(head) {
                    return Some(child);
                }
                // "gunmen opened fire on a bus, killing 12" (the fire); "plans to deploy
                // 450 soldiers" names no event.
                if let Some(object) = self.child_with(head, "obj") {
                    if is_event_word(&self.lemma(object)) {
                        return Some(object);
                    }
                }
                is_event_word(&self.lemma(head)).then_some(head)
            }
            // "killing eight and wounding 30": the first conjunct's event.
            "conj" => {
                let head = head?;
                (self.word(head)?.upos == "VERB" && depth < MAX_CONJUNCT_DEPTH)
                    .then(|| self.event_of(head, depth + 1))
                    .flatten()
            }
            _ => None,
        }
    }

    /// The country of the counted group, from its words; for troops, the deploying side's.
    fn country(
        &self,
        phrase: Option<Phrase>,
        kind: CountKind,
        trigger: usize,
        country_of: &dyn Fn(&str) -> Option<String>,
    ) -> Option<String> {
        if let Some(p) = phrase {
            for index in p.first..=p.head {
                if let Some(country) = self.word(index).and_then(|w| country_of(&w.form)) {
                    return Some(country);
                }
            }
            if let Some(country) = self.span(p.first, p.head).and_then(|s| country_of(&s.text)) {
                return Some(country);
            }
        }
        if kind != CountKind::Deployed {
            return None;
        }
        // The deployer: the deploying verb's subject, the subject of the clause it modifies
        // ("Having deployed 1,000 troops, Israel's military …"), or of a clause under it
        // (the same sentence when the parse hangs the main clause off the participle).
        let mut subjects: Vec<usize> = self.child_with(trigger, "nsubj").into_iter().collect();
        // Up the tree: "France has 5,100 soldiers stationed …" (the participle hangs off the
        // troops, the troops off "has").
        let mut up = trigger;
        for _ in 0..3 {
            let Some(head) = self.head(up) else { break };
            subjects.extend(self.child_with(head, "nsubj"));
            up = head;
        }
        for child in self.children(trigger) {
            if self.word(child).is_some_and(|w| w.deprel == "advcl") {
                subjects.extend(self.child_with(child, "nsubj"));
            }
        }
        subjects.into_iter().find_map(|subject| {
            let mut words: Vec<usize> = self
                .children(subject)
                .filter(|&c| {
                    self.word(c).is_some_and(|w| {
                        matches!(w.deprel.as_str(), "nmod:poss" | "amod" | "compound")
                    })
                })
                .collect();
            words.push(subject);
            let first = words.iter().copied().min().unwrap_or(subject);
            words
                .into_iter()
                .find_map(|i| self.word(i).and_then(|w| country_of(&w.form)))
                // "The United States": the name as a whole.
                .or_else(|| self.span(first, subject).and_then(|s| country_of(&s.text)))
        })
    }

    /// The count a candidate gives, and the trigger it was tied to. `next` is the first word
    /// and trigger of the count after it in the sentence, shared with a conjunct before it.
    fn count(
        &self,
        candidate: &Candidate,
        sentence_index: usize,
        next: Option<(usize, Link)>,
        country_of: &dyn Fn(&str) -> Option<String>,
    ) -> Option<(Count, Link)> {
        if self.is_not_a_count(candidate) {
            return None;
        }
        let phrase = self.counted_phrase(candidate);
        if let Some(p) = phrase {
            if is_non_count_noun(&self.lemma(p.head)) {
                return None;
            }
        }
        let role = self.role_word(candidate, phrase)?;
        // A bare number directly followed by a participle ("more than 100 wounded") is
        // read from word order first: parsers often attach such numbers to the verb before.
        let bare_participle = phrase
            .is_none()
            .then(|| self.participle_after(candidate.end))
            .flatten();
        let (kind, trigger_first, trigger) = bare_participle
            .or_else(|| self.verb_before(candidate, phrase))
            .or_else(|| self.tree_trigger(role, phrase, candidate))
            .or_else(|| self.surface_trigger(candidate, phrase))
            .or_else(|| self.toll_trigger(role))
            .or_else(|| self.noun_trigger(role, phrase))
            .or_else(|| self.shared_trigger(candidate, phrase, next))?;
        // The noun that is itself the trigger ("deaths") is not who was counted; its
        // modifiers are ("civilian deaths" → "civilian").
        let who_words = phrase.and_then(|p| {
            // "40 wounded soldiers": the trigger adjective is not part of who.
            if (p.first..p.head).contains(&trigger) {
                return Some(Phrase {
                    first: trigger + 1,
                    head: p.head,
                });
            }
            if p.head != trigger {
                return Some(p);
            }
            match noun_trigger(&self.lemma(p.head)) {
                Some((_, false)) => (p.head > p.first).then_some(Phrase {
                    first: p.first,
                    head: p.head - 1,
                }),
                _ => Some(p),
            }
        });
        let who = who_words.and_then(|p| self.span(p.first, p.head));
        let who_span = who.as_ref().map(|w| Span {
            start: w.start,
            end: w.end,
        });
        let who = who.map(|w| w.text);
        let country = self.country(who_words, kind, trigger, country_of);
        let trigger_span = self.span(trigger_first.min(trigger), trigger.max(trigger_first))?;
        // "dozens of" → "dozens": the "of" belongs to the noun phrase after it.
        let phrase_end = candidate
            .end
            .checked_sub(1)
            .filter(|&last| last > candidate.first && self.form(last) == "of")
            .and_then(|last| self.word(last - 1))
            .map_or(candidate.end_byte, |w| w.end);
        let phrase_text = self.text.get(candidate.start..phrase_end)?;
        let event = self
            .event_of(trigger, 0)
            .or_else(|| self.event_of(trigger_first, 0))
            .filter(|&e| e != trigger)
            .and_then(|e| self.span(self.compound_start(e), e));
        let link = (kind, trigger_first, trigger);
        let subset = self.is_subset(candidate);
        // "a crowd estimated at 50,000": the estimate is the hedge.
        let mut qualifier = candidate.quantity.qualifier;
        if qualifier == Qualifier::Exact
            && [self.head(role), self.head(trigger)]
                .into_iter()
                .flatten()
                .any(|h| self.lemma(h) == "estimate")
        {
            qualifier = Qualifier::About;
        }
        let count = Count {
            kind,
            value: candidate.quantity.value,
            high: candidate.quantity.high,
            qualifier,
            who,
            who_span,
            country,
            trigger: trigger_span,
            phrase: TextSpan {
                text: phrase_text.to_string(),
                start: candidate.start,
                end: phrase_end,
            },
            sentence_index,
            subset,
            event,
            event_index: None,
            date: None,
            date_source: None,
            location: None,
        };
        Some((count, link))
    }

    /// Whether the phrase counts part of a group named before it: "including five
    /// children", "among them 12 minors", "four of them", "12 of whom".
    fn is_subset(&self, candidate: &Candidate) -> bool {
        let before = |back: usize| {
            candidate
                .first
                .checked_sub(back)
                .map(|i| self.form(i))
                .unwrap_or_default()
        };
        let introduced = matches!(before(1).as_str(), "including" | "among" | "includes")
            || (before(1) == "them" && before(2) == "among");
        let last_is_of = candidate
            .end
            .checked_sub(1)
            .is_some_and(|last| self.form(last) == "of");
        let of_them = if last_is_of {
            matches!(self.form(candidate.end).as_str(), "them" | "whom")
        } else {
            self.form(candidate.end) == "of"
                && matches!(self.form(candidate.end + 1).as_str(), "them" | "whom")
        };
        introduced || of_them
    }

    /// The trigger of the next count when this one is its conjunct: "15 rebels and 9
    /// soldiers were killed", "12 Iraqis, 3 Syrians and 2 Jordanians were wounded".
    fn shared_trigger(
        &self,
        candidate: &Candidate,
        phrase: Option<Phrase>,
        next: Option<(usize, Link)>,
    ) -> Option<Link> {
        let (next_first, link) = next?;
        let mut index = phrase.map_or(candidate.end, |p| p.head + 1);
        if self.form(index) == "," {
            index += 1;
        }
        if matches!(self.form(index).as_str(), "and" | "or") {
            index += 1;
        }
        (index == next_first && index > phrase.map_or(candidate.end, |p| p.head + 1))
            .then_some(link)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    /// A sentence of `text` from hand-written (form, lemma, upos, head, deprel) rows; word
    /// offsets are found left to right in the text.
    fn sentence(text: &str, rows: &[(&str, &str, &str, usize, &str)]) -> AnalyzedSentence {
        let mut from = 0;
        let words = rows
            .iter()
            .enumerate()
            .map(|(i, (form, lemma, upos, head, deprel))| {
                let start = text[from..].find(form).map_or(from, |at| from + at);
                let end = start + form.len();
                from = end;
                Word {
                    id: i + 1,
                    form: form.to_string(),
                    start,
                    end,
                    lemma: lemma.to_string(),
                    upos: upos.to_string(),
                    xpos: String::new(),
                    feats: String::new(),
                    head: *head,
                    deprel: deprel.to_string(),
                }
            })
            .collect();
        AnalyzedSentence {
            start: 0,
            end: text.len(),
            text: text.to_string(),
            words,
            entities: Vec::new(),
        }
    }

    fn no_country(_: &str) -> Option<String> {
        None
    }

    const POLICE_DETAINED: &[(&str, &str, &str, usize, &str)] = &[
        ("Police", "police", "NOUN", 2, "nsubj"),
        ("detained", "detain", "VERB", 0, "root"),
        ("40", "40", "NUM", 4, "nummod"),
        ("people", "people", "NOUN", 2, "obj"),
        (".", ".", "PUNCT", 2, "punct"),
    ];

    #[test]
    fn object_of_a_trigger_verb() {
        let text = "Police detained 40 people.";
        let counts = extract_counts(text, &[sentence(text, POLICE_DETAINED)], &no_country);
        let [count] = counts.as_slice() else {
            panic!("expected one count: {counts:?}");
        };
        assert_eq!(count.kind, CountKind::Arrested);
        assert_eq!(count.value, 40.0);
        assert_eq!(count.trigger.text, "detained");
        assert_eq!(count.who.as_deref(), Some("people"));
        assert_eq!(count.who_span, Some(Span { start: 19, end: 25 }));
    }

    #[test]
    fn nothing_from_nothing() {
        assert!(extract_counts("", &[], &no_country).is_empty());
        // Sentences whose offsets do not fit the text (read from CoNLL-U, or from another
        // text) give nothing rather than panicking.
        let text = "Police detained 40 people.";
        let parsed = sentence(text, POLICE_DETAINED);
        assert!(extract_counts("Police", std::slice::from_ref(&parsed), &no_country).is_empty());
        let mut zeroed = parsed;
        for word in &mut zeroed.words {
            word.start = 0;
            word.end = 0;
        }
        assert!(extract_counts(text, &[zeroed], &no_country).is_empty());
    }

    #[test]
    fn years_money_and_ids_are_not_counts() {
        let text = "Flight 17 killed 2014 people.";
        let rows = &[
            ("Flight", "flight", "PROPN", 3, "nsubj"),
            ("17", "17", "NUM", 1, "nummod"),
            ("killed", "kill", "VERB", 0, "root"),
            ("2014", "2014", "NUM", 5, "nummod"),
            ("people", "people", "NOUN", 3, "obj"),
            (".", ".", "PUNCT", 3, "punct"),
        ];
        assert!(extract_counts(text, &[sentence(text, rows)], &no_country).is_empty());
    }

    #[test]
    fn vocabulary() {
        assert_eq!(transitive_trigger("kill"), Some(CountKind::Killed));
        assert_eq!(intransitive_trigger("flee"), Some(CountKind::Displaced));
        assert_eq!(participle_trigger("dead"), Some(CountKind::Killed));
        assert_eq!(noun_trigger("refugee"), Some((CountKind::Displaced, true)));
        assert_eq!(noun_trigger("death"), Some((CountKind::Killed, false)));
        assert!(is_non_count_noun("week") && !is_non_count_noun("people"));
        assert_eq!(irregular_lemma("fled"), Some("flee"));
        assert_eq!(CountKind::Protesters.as_str(), "protesters");
    }

    proptest! {
        #![proptest_config(ProptestConfig { cases: 256, ..ProptestConfig::default() })]

        /// Any tree over the words, loops and out-of-range heads included, is read without
        /// panicking or hanging.
        #[test]
        fn malformed_parses(
            heads in proptest::collection::vec(0usize..12, 9),
            deprels in proptest::collection::vec(
                proptest::sample::select(vec![
                    "nsubj", "nsubj:pass", "obj", "obl", "conj", "nmod", "acl", "advcl",
                    "xcomp", "compound", "nummod", "amod", "ccomp", "root",
                ]),
                9,
            ),
        ) {
            let text = "At least 12 Israeli soldiers were killed fighting rebels";
            let forms = ["At", "least", "12", "Israeli", "soldiers", "were", "killed", "fighting", "rebels"];
            let lemmas = ["at", "least", "12", "Israeli", "soldier", "be", "kill", "fight", "rebel"];
            let upos = ["ADP", "ADJ", "NUM", "ADJ", "NOUN", "AUX", "VERB", "VERB", "NOUN"];
            let rows: Vec<(&str, &str, &str, usize, &str)> = (0..9)
                .map(|i| (forms[i], lemmas[i], upos[i], heads[i], deprels[i]))
                .collect();
            let counts = extract_counts(text, &[sentence(text, &rows)], &no_country);
            prop_assert!(counts.len() <= 1);
        }
    }
}
