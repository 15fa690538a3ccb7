//! General knowledge about news text (countries, organisations, titles, speech
//! verbs, promo vocabulary, date and number words) loaded from `data/*.toml`.
//! The code holds rules; the words the rules look for live here, so that the
//! program works for any event and a user can extend the lists.

use std::collections::{HashMap, HashSet};
use std::path::{Path, PathBuf};

use serde::Deserialize;
use thiserror::Error;

mod embedded {
    include!(concat!(env!("OUT_DIR"), "/embedded_data.rs"));
}

/// A data file that could not be read or parsed.
#[derive(Debug, Error)]
pub enum KnowledgeError {
    #[error("data file {name} is missing from the binary and from {dir}")]
    Missing { name: String, dir: String },
    #[error("cannot read data file {path}")]
    Read {
        path: PathBuf,
        #[source]
        source: std::io::Error,
    },
    #[error("data file {name}, line {line}: {message}")]
    Parse { name: String, line: usize, message: String },
}

#[derive(Debug, Deserialize)]
pub struct Country {
    pub name: String,
    #[serde(default)]
    pub article: bool,
    #[serde(default)]
    pub aliases: Vec<String>,
    #[serde(default)]
    pub demonyms: Vec<String>,
    #[serde(default)]
    pub capital: String,
    #[serde(default)]
    pub capital_aliases: Vec<String>,
}

#[derive(Debug, Deserialize)]
pub struct Organisation {
    pub name: String,
    #[serde(default)]
    pub aliases: Vec<String>,
    #[serde(default)]
    pub kind: String,
    #[serde(default)]
    pub country: String,
}

/// A continent or region: a place that is not a country ("Europe", "the Gulf").
#[derive(Debug, Deserialize)]
pub struct Region {
    pub name: String,
    #[serde(default)]
    pub aliases: Vec<String>,
    #[serde(default)]
    pub demonyms: Vec<String>,
}

#[derive(Debug, Deserialize)]
struct CountriesFile {
    country: Vec<Country>,
    #[serde(default)]
    region: Vec<Region>,
}

#[derive(Debug, Deserialize)]
struct OrganisationsFile {
    organisation: Vec<Organisation>,
}

/// A word with an optional grammatical gender ("m", "f" or "").
#[derive(Debug, Deserialize, Clone)]
pub struct Gendered {
    pub form: String,
    #[serde(default)]
    pub gender: String,
}

#[derive(Debug, Deserialize)]
struct PeopleFile {
    honorific: Vec<Gendered>,
    title: Vec<Gendered>,
    /// Words that make another title of any title: "Vice-Governor", "Acting Mayor".
    #[serde(default)]
    title_prefixes: Vec<String>,
    role_nouns: Vec<String>,
    pronouns: Vec<Gendered>,
    name_particles: Vec<String>,
    non_person_heads: Vec<String>,
    #[serde(default)]
    surname_openers: Vec<String>,
    #[serde(default)]
    affiliation_words: Vec<String>,
}

/// `data/given_names.toml`: familiar forms of given names, generational suffixes.
#[derive(Debug, Deserialize)]
struct GivenNamesFile {
    generational_suffixes: Vec<String>,
    hypocoristics: HashMap<String, Vec<String>>,
}

#[derive(Debug, Deserialize)]
struct SpeechVerb {
    lemma: String,
    forms: Vec<String>,
}

#[derive(Debug, Deserialize)]
struct SpeechFile {
    verb: Vec<SpeechVerb>,
    attribution_phrases: Vec<String>,
    term_markers: Vec<String>,
    clause_openers: Vec<String>,
    prepositions: Vec<String>,
    relative_pronouns: Vec<String>,
    document_nouns: Vec<String>,
}

/// The word classes that tell a verb's subject from its object: what may
/// stand before a subject, and what makes a noun something else's modifier.
#[derive(Debug)]
pub struct Grammar {
    pub clause_openers: HashSet<String>,
    pub prepositions: HashSet<String>,
    pub relative_pronouns: HashSet<String>,
    pub document_nouns: HashSet<String>,
}

/// Vocabulary for telling site chrome from article text. Phrases matched
/// against folded text are stored folded; credits and languages as written.
#[derive(Debug, Deserialize)]
pub struct ChromeWords {
    pub credit_agencies: Vec<String>,
    pub credit_markers: Vec<String>,
    pub teaser_prefixes: Vec<String>,
    pub promo_phrases: Vec<String>,
    pub chrome_phrases: Vec<String>,
    pub credit_line_prefixes: Vec<String>,
    pub bio_role_nouns: Vec<String>,
    pub reader_address: Vec<String>,
    pub languages: Vec<String>,
    pub short_line_phrases: Vec<String>,
    pub promo_header_words: Vec<String>,
    /// Words that open a byline: "By", "Author:", "Written by". Case as written.
    pub byline_prefixes: Vec<String>,
    pub footer_prefixes: Vec<String>,
    /// Case as written.
    pub social_networks: Vec<String>,
    /// Lines that open with these and give an e-mail address are contacts.
    pub contact_prefixes: Vec<String>,
    /// What an author biography or reporting credit says of the author.
    pub bio_phrases: Vec<String>,
}

impl ChromeWords {
    /// Folds the phrases matched against folded text, once, at load time.
    fn folded(self) -> ChromeWords {
        let fold_all = |v: Vec<String>| v.iter().map(|p| crate::text::fold(p)).collect();
        ChromeWords {
            teaser_prefixes: fold_all(self.teaser_prefixes),
            promo_phrases: fold_all(self.promo_phrases),
            chrome_phrases: fold_all(self.chrome_phrases),
            credit_line_prefixes: fold_all(self.credit_line_prefixes),
            bio_role_nouns: fold_all(self.bio_role_nouns),
            reader_address: fold_all(self.reader_address),
            short_line_phrases: fold_all(self.short_line_phrases),
            promo_header_words: fold_all(self.promo_header_words),
            footer_prefixes: fold_all(self.footer_prefixes),
            contact_prefixes: fold_all(self.contact_prefixes),
            bio_phrases: fold_all(self.bio_phrases),
            ..self
        }
    }
}

#[derive(Debug, Deserialize)]
struct NamedForms {
    name: String,
    forms: Vec<String>,
}

/// A phrase resolved against the publication date ("last month").
#[derive(Debug, Deserialize, Clone)]
pub struct RelativePhrase {
    pub phrase: String,
    pub unit: String,
    pub offset: i32,
    /// The phrase's words in lower case, split once at load: dates are looked for at every word of every article.
    #[serde(skip)]
    pub words: Vec<String>,
}

#[derive(Debug, Deserialize)]
struct UnitForms {
    unit: String,
    forms: Vec<String>,
}

#[derive(Debug, Deserialize)]
struct DatesFile {
    month: Vec<NamedForms>,
    weekday: Vec<NamedForms>,
    relative: Vec<RelativePhrase>,
    units: Vec<UnitForms>,
    after_words: Vec<String>,
    before_words: Vec<String>,
    time_zones: Vec<String>,
    day_parts: Vec<String>,
}

/// A word before a number that makes it approximate ("around 30").
#[derive(Debug, Deserialize, Clone)]
pub struct Approximator {
    pub phrase: String,
    pub kind: String,
}

#[derive(Debug, Deserialize)]
struct Currency {
    symbols: Vec<String>,
    words: Vec<String>,
    code: String,
}

#[derive(Debug, Deserialize)]
struct NumbersFile {
    words: HashMap<String, f64>,
    scales: HashMap<String, f64>,
    ordinals: HashMap<String, f64>,
    fractions: HashMap<String, f64>,
    approximator: Vec<Approximator>,
    currency: Vec<Currency>,
    percent: Vec<String>,
}

/// A way of doing something ("by telephone") and the kinds it does not exclude.
#[derive(Debug, Deserialize)]
pub struct Manner {
    pub kind: String,
    phrases: Vec<String>,
    #[serde(default)]
    compatible: Vec<String>,
    #[serde(default)]
    combines: Vec<String>,
}

#[derive(Debug, Deserialize)]
struct Measure {
    name: String,
    words: Vec<String>,
    #[serde(default)]
    generic: bool,
    #[serde(default)]
    nearby: bool,
    #[serde(default)]
    unit: bool,
    topic: Option<String>,
}

#[derive(Debug, Deserialize)]
struct EventKind {
    kind: String,
    words: Vec<String>,
}

#[derive(Debug, Deserialize)]
struct ClaimsFile {
    negations: Vec<String>,
    future_markers: Vec<String>,
    manner: Vec<Manner>,
    event: Vec<EventKind>,
    measure: Vec<Measure>,
    #[serde(default)]
    synonyms: Vec<Vec<String>>,
    #[serde(default)]
    topic_fillers: Vec<String>,
}

#[derive(Debug, Deserialize)]
struct WordList {
    #[serde(alias = "abbreviations")]
    words: Vec<String>,
}

/// What a capitalised name in the text is known to be.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Place {
    /// A country by its name or alias; index into `countries`.
    Country(usize),
    /// A country's demonym ("French"); index into `countries`.
    Demonym(usize),
    /// A capital used as a metonym ("Moscow"); index into `countries`.
    Capital(usize),
    /// An organisation; index into `organisations`.
    Organisation(usize),
    /// A continent or region, or its demonym; index into `regions`.
    Region(usize),
}

/// All general knowledge, with lookup indexes built once.
#[derive(Debug)]
pub struct Knowledge {
    pub countries: Vec<Country>,
    pub regions: Vec<Region>,
    pub organisations: Vec<Organisation>,
    pub chrome: ChromeWords,
    /// Longest-first multi-word lookup of country, demonym, capital and organisation forms.
    places: PhraseIndex<Place>,
    honorifics: HashMap<String, String>,
    /// Titles by their words, case-insensitively, giving (written form, gender).
    titles: PhraseIndex<(String, String)>,
    role_nouns: HashSet<String>,
    pronouns: HashMap<String, String>,
    name_particles: HashSet<String>,
    surname_openers: HashSet<String>,
    affiliation_words: HashSet<String>,
    non_person_heads: HashSet<String>,
    /// Lower-cased given name → the formal names it is a form of (itself included).
    given_names: HashMap<String, Vec<String>>,
    generational_suffixes: HashSet<String>,
    speech_verbs: PhraseIndex<String>,
    attribution_phrases: PhraseIndex<()>,
    term_markers: PhraseIndex<()>,
    months: HashMap<String, u32>,
    weekdays: HashMap<String, u32>,
    relative: Vec<RelativePhrase>,
    units: HashMap<String, String>,
    pub after_words: HashSet<String>,
    pub before_words: HashSet<String>,
    time_zones: HashSet<String>,
    pub day_parts: HashSet<String>,
    number_words: HashMap<String, f64>,
    scales: HashMap<String, f64>,
    ordinals: HashMap<String, f64>,
    fractions: HashMap<String, f64>,
    approximators: PhraseIndex<String>,
    currencies: HashMap<String, String>,
    percent: PhraseIndex<()>,
    abbreviations: HashSet<String>,
    stopwords: HashSet<String>,
    pub grammar: Grammar,
    /// Word stem → the stem its synonyms share ("send" for "deploy").
    synonym_stems: HashMap<String, String>,
    /// Stems of the words that name kinds of quantity ("countri", "troop").
    measure_stems: HashSet<String>,
    topic_fillers: HashSet<String>,
    title_stems: HashSet<String>,
    negations: PhraseIndex<()>,
    future_markers: PhraseIndex<()>,
    pub manners: Vec<Manner>,
    manner_phrases: PhraseIndex<usize>,
    measure_names: Vec<String>,
    measure_topics: Vec<String>,
    generic_measures: Vec<bool>,
    nearby_measures: Vec<bool>,
    unit_measures: Vec<bool>,
    measure_words: PhraseIndex<usize>,
    event_words: PhraseIndex<usize>,
    event_kinds: Vec<String>,
}

/// Where to read a data file from: the user's override folder or the binary.
fn data_text(name: &str, override_dir: Option<&Path>) -> Result<String, KnowledgeError> {
    if let Some(dir) = override_dir {
        let path = dir.join(name);
        if path.is_file() {
            return std::fs::read_to_string(&path).map_err(|source| KnowledgeError::Read { path, source });
        }
    }
    embedded::DATA.iter().find(|(file, _)| *file == name).map(|(_, text)| (*text).to_string()).ok_or_else(|| {
        KnowledgeError::Missing {
            name: name.to_string(),
            dir: override_dir.map(|d| d.display().to_string()).unwrap_or_else(|| "data/".into()),
        }
    })
}

fn parse<T: serde::de::DeserializeOwned>(name: &str, text: &str) -> Result<T, KnowledgeError> {
    toml::from_str(text).map_err(|err| KnowledgeError::Parse {
        name: name.to_string(),
        line: err.span().map(|span| line_of(text, span.start)).unwrap_or(1),
        message: err.message().to_string(),
    })
}

/// 1-based line of a byte offset.
pub fn line_of(text: &str, offset: usize) -> usize {
    text.as_bytes()[..offset.min(text.len())].iter().filter(|&&b| b == b'\n').count() + 1
}

fn load<T: serde::de::DeserializeOwned>(name: &str, dir: Option<&Path>) -> Result<T, KnowledgeError> {
    parse(name, &data_text(name, dir)?)
}

impl Knowledge {
    /// Loads the data files, preferring those in `override_dir` when given.
    pub fn load(override_dir: Option<&Path>) -> Result<Self, KnowledgeError> {
        let countries: CountriesFile = load("countries.toml", override_dir)?;
        let organisations: OrganisationsFile = load("organisations.toml", override_dir)?;
        let people: PeopleFile = load("people.toml", override_dir)?;
        let speech: SpeechFile = load("speech.toml", override_dir)?;
        let chrome: ChromeWords = load("chrome.toml", override_dir)?;
        let dates: DatesFile = load("dates.toml", override_dir)?;
        let numbers: NumbersFile = load("numbers.toml", override_dir)?;
        let abbreviations: WordList = load("abbreviations.toml", override_dir)?;
        let stopwords: WordList = load("stopwords.toml", override_dir)?;
        let claims: ClaimsFile = load("claims.toml", override_dir)?;
        let given: GivenNamesFile = load("given_names.toml", override_dir)?;
        let mut given_names: HashMap<String, Vec<String>> = HashMap::new();
        for (formal, familiar) in &given.hypocoristics {
            let formal = formal.to_lowercase();
            for name in std::iter::once(&formal).chain(familiar.iter()) {
                let forms = given_names.entry(name.to_lowercase()).or_default();
                if !forms.contains(&formal) {
                    forms.push(formal.clone());
                }
            }
        }

        let mut places = PhraseIndex::default();
        for (i, c) in countries.country.iter().enumerate() {
            places.insert_cased(&c.name, Place::Country(i));
            for alias in &c.aliases {
                places.insert_cased(alias, Place::Country(i));
            }
            for demonym in &c.demonyms {
                places.insert_cased(demonym, Place::Demonym(i));
            }
            for capital in std::iter::once(&c.capital).chain(&c.capital_aliases) {
                if !capital.is_empty() {
                    places.insert_cased(capital, Place::Capital(i));
                }
            }
        }
        for (i, r) in countries.region.iter().enumerate() {
            let bare = r.name.strip_prefix("the ").unwrap_or(&r.name);
            for form in std::iter::once(bare)
                .chain(r.aliases.iter().map(String::as_str))
                .chain(r.demonyms.iter().map(String::as_str))
            {
                places.insert_cased(form, Place::Region(i));
            }
        }
        for (i, o) in organisations.organisation.iter().enumerate() {
            places.insert_cased(&o.name, Place::Organisation(i));
            for alias in &o.aliases {
                places.insert_cased(alias, Place::Organisation(i));
            }
        }

        let title_stems = people.title.iter().flat_map(|t| crate::text::words(&t.form)).map(stem_of).collect();
        let mut titles = PhraseIndex::default();
        for t in &people.title {
            titles.insert(&t.form, (t.form.clone(), t.gender.clone()));
            for prefix in &people.title_prefixes {
                // "Vice-" joins its title in one word; "Acting" stands before it.
                let form =
                    if prefix.ends_with('-') { format!("{prefix}{}", t.form) } else { format!("{prefix} {}", t.form) };
                if titles.longest(&crate::text::words(&form)).is_none_or(|(_, n)| n < crate::text::words(&form).len()) {
                    titles.insert(&form, (form.clone(), t.gender.clone()));
                }
            }
        }
        // Nouns for unnamed speakers serve as titles too ("the analyst").
        for noun in &people.role_nouns {
            if titles.longest(&crate::text::words(noun)).is_none_or(|(_, n)| n < crate::text::words(noun).len()) {
                titles.insert(noun, (noun.clone(), String::new()));
            }
        }
        let mut speech_verbs = PhraseIndex::default();
        for v in &speech.verb {
            for form in &v.forms {
                speech_verbs.insert(form, v.lemma.clone());
            }
        }
        let mut approximators = PhraseIndex::default();
        for a in &numbers.approximator {
            approximators.insert(&a.phrase, a.kind.clone());
        }
        let mut currencies = HashMap::new();
        for c in &numbers.currency {
            for form in c.symbols.iter().chain(&c.words) {
                currencies.insert(form.to_lowercase(), c.code.clone());
            }
        }
        let lower_map = |items: Vec<NamedForms>, names: &[&str]| -> HashMap<String, u32> {
            let mut map = HashMap::new();
            for item in items {
                let number =
                    names.iter().position(|n| n.eq_ignore_ascii_case(&item.name)).map(|p| p as u32 + 1).unwrap_or(0);
                for form in item.forms.iter().chain(std::iter::once(&item.name)) {
                    map.insert(form.to_lowercase(), number);
                }
            }
            map
        };
        const MONTHS: [&str; 12] = [
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
        ];
        const WEEKDAYS: [&str; 7] = ["monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday"];

        let mut manner_phrases = PhraseIndex::default();
        for (i, m) in claims.manner.iter().enumerate() {
            for phrase in &m.phrases {
                manner_phrases.insert(phrase, i);
            }
        }
        let measure_stems = claims.measure.iter().flat_map(|m| m.words.iter()).map(|w| stem_of(w)).collect();
        let mut measure_words = PhraseIndex::default();
        for (i, m) in claims.measure.iter().enumerate() {
            for word in &m.words {
                measure_words.insert(word, i);
            }
        }

        let mut event_words = PhraseIndex::default();
        for (i, e) in claims.event.iter().enumerate() {
            for word in &e.words {
                event_words.insert(word, i);
            }
        }

        Ok(Knowledge {
            event_kinds: claims.event.into_iter().map(|e| e.kind).collect(),
            event_words,
            negations: PhraseIndex::from_words(&claims.negations),
            future_markers: PhraseIndex::from_words(&claims.future_markers),
            manners: claims.manner,
            manner_phrases,
            generic_measures: claims.measure.iter().map(|m| m.generic).collect(),
            nearby_measures: claims.measure.iter().map(|m| m.nearby).collect(),
            unit_measures: claims.measure.iter().map(|m| m.unit).collect(),
            measure_topics: claims
                .measure
                .iter()
                .map(|m| m.topic.clone().unwrap_or_else(|| format!("Number of {}", m.name)))
                .collect(),
            measure_names: claims.measure.into_iter().map(|m| m.name).collect(),
            measure_words,
            places,
            honorifics: people.honorific.into_iter().map(|h| (h.form, h.gender)).collect(),
            titles,
            role_nouns: people.role_nouns.into_iter().map(|w| w.to_lowercase()).collect(),
            pronouns: people.pronouns.into_iter().map(|p| (p.form.to_lowercase(), p.gender)).collect(),
            name_particles: people.name_particles.into_iter().collect(),
            surname_openers: people.surname_openers.into_iter().collect(),
            affiliation_words: people.affiliation_words.into_iter().collect(),
            non_person_heads: people.non_person_heads.into_iter().collect(),
            given_names,
            generational_suffixes: given.generational_suffixes.into_iter().collect(),
            speech_verbs,
            attribution_phrases: PhraseIndex::from_words(&speech.attribution_phrases),
            term_markers: PhraseIndex::from_words(&speech.term_markers),
            months: lower_map(dates.month, &MONTHS),
            weekdays: lower_map(dates.weekday, &WEEKDAYS),
            relative: dates
                .relative
                .into_iter()
                .map(|r| RelativePhrase {
                    words: crate::text::words(&r.phrase).iter().map(|w| w.to_lowercase()).collect(),
                    ..r
                })
                .collect(),
            units: dates
                .units
                .into_iter()
                .flat_map(|u| u.forms.into_iter().map(move |f| (f.to_lowercase(), u.unit.clone())))
                .collect(),
            after_words: lowered(dates.after_words),
            before_words: lowered(dates.before_words),
            time_zones: dates.time_zones.into_iter().collect(),
            day_parts: lowered(dates.day_parts),
            number_words: numbers.words,
            scales: numbers.scales,
            ordinals: numbers.ordinals,
            fractions: numbers.fractions,
            approximators,
            currencies,
            percent: PhraseIndex::from_words(&numbers.percent),
            abbreviations: abbreviations.words.into_iter().collect(),
            stopwords: lowered(stopwords.words),
            synonym_stems: synonym_stems(&claims.synonyms),
            grammar: Grammar {
                clause_openers: lowered(speech.clause_openers),
                prepositions: lowered(speech.prepositions),
                relative_pronouns: lowered(speech.relative_pronouns),
                document_nouns: lowered(speech.document_nouns),
            },
            measure_stems,
            topic_fillers: lowered(claims.topic_fillers),
            title_stems,
            countries: countries.country,
            regions: countries.region,
            organisations: organisations.organisation,
            chrome: chrome.folded(),
        })
    }

    /// The longest known place or organisation starting at `words[0]`, with its length in words.
    pub fn place_at(&self, words: &[&str]) -> Option<(Place, usize)> {
        self.places.longest_cased(words).map(|(p, n)| (*p, n))
    }

    /// The canonical name of a place: the country for demonyms and capitals.
    pub fn place_name(&self, place: Place) -> &str {
        match place {
            Place::Country(i) | Place::Demonym(i) | Place::Capital(i) => &self.countries[i].name,
            Place::Organisation(i) => &self.organisations[i].name,
            Place::Region(i) => &self.regions[i].name,
        }
    }

    /// The country an organisation belongs to, if it is a national institution.
    pub fn organisation_country(&self, i: usize) -> Option<usize> {
        let country = &self.organisations[i].country;
        (!country.is_empty()).then(|| self.countries.iter().position(|c| &c.name == country)).flatten()
    }

    /// The gender an honorific implies, when `word` is one ("Mr." gives "m").
    pub fn honorific(&self, word: &str) -> Option<&str> {
        self.honorifics.get(word).map(String::as_str)
    }

    /// The longest title at the start of `words` ("Prime Minister"),
    /// case-insensitively, as (length in words, written form, gender).
    pub fn title_at(&self, words: &[&str]) -> Option<(usize, &str, &str)> {
        self.titles.longest(words).map(|((form, gender), n)| (n, form.as_str(), gender.as_str()))
    }

    /// A word that ends names of places, bodies and events, not people ("Square", "Fund").
    pub fn is_non_person_head(&self, word: &str) -> bool {
        self.non_person_heads.contains(word)
    }

    /// A country's name as used in running text: "the United Kingdom", "France".
    pub fn country_in_text(&self, i: usize) -> String {
        let country = &self.countries[i];
        if country.article { format!("the {}", country.name) } else { country.name.clone() }
    }

    pub fn is_role_noun(&self, word: &str) -> bool {
        self.role_nouns.contains(&word.to_lowercase())
    }

    /// The gender of a personal pronoun, when `word` is one.
    pub fn pronoun(&self, word: &str) -> Option<&str> {
        self.pronouns.get(&word.to_lowercase()).map(String::as_str)
    }

    pub fn is_name_particle(&self, word: &str) -> bool {
        self.name_particles.contains(word)
    }

    /// Whether a capitalised word is a common given name ("Bill", "Will",
    /// "Ben"): then it opens a name, whatever else the word may be.
    pub fn is_given_name(&self, word: &str) -> bool {
        word.starts_with(char::is_uppercase) && self.given_names.contains_key(&word.to_lowercase())
    }

    /// Whether two given names are forms of one ("Bill" and "William", "Peggy" and "Margaret").
    pub fn same_given_name(&self, a: &str, b: &str) -> bool {
        let (a, b) = (a.to_lowercase(), b.to_lowercase());
        a == b
            || self
                .given_names
                .get(&a)
                .zip(self.given_names.get(&b))
                .is_some_and(|(x, y)| x.iter().any(|formal| y.contains(formal)))
    }

    /// "Jr.", "Sr.", "III": part of a name, never a name alone.
    pub fn is_generational_suffix(&self, word: &str) -> bool {
        self.generational_suffixes.contains(word)
    }

    /// A party or affiliation word ("Republican"): describes a person, never names one.
    pub fn is_affiliation_word(&self, word: &str) -> bool {
        self.affiliation_words.contains(word)
    }

    /// Whether a particle may open a surname written alone ("Ó Briain").
    pub fn opens_surname(&self, word: &str) -> bool {
        self.surname_openers.contains(word)
    }

    /// The speech verb at the start of `words`, as (length in words, lemma).
    pub fn speech_verb_at(&self, words: &[&str]) -> Option<(usize, &str)> {
        self.speech_verbs.longest(words).map(|(lemma, n)| (n, lemma.as_str()))
    }

    /// Length of an attribution phrase ("according to") starting at `words[0]`.
    pub fn attribution_phrase_at(&self, words: &[&str]) -> Option<usize> {
        self.attribution_phrases.longest(words).map(|(_, n)| n)
    }

    /// Length of a term marker ("so-called") ending exactly at the end of `words`.
    pub fn term_marker_before(&self, words: &[&str]) -> Option<usize> {
        self.term_markers.longest_suffix(words)
    }

    pub fn month(&self, word: &str) -> Option<u32> {
        self.months.get(&word.to_lowercase()).copied().filter(|&m| m > 0)
    }

    /// Weekday number, Monday = 1.
    pub fn weekday(&self, word: &str) -> Option<u32> {
        self.weekdays.get(&word.to_lowercase()).copied().filter(|&d| d > 0)
    }

    pub fn relative_phrases(&self) -> &[RelativePhrase] {
        &self.relative
    }

    /// The calendar unit a word names ("weeks" gives "week").
    pub fn unit(&self, word: &str) -> Option<&str> {
        self.units.get(&word.to_lowercase()).map(String::as_str)
    }

    pub fn is_time_zone(&self, word: &str) -> bool {
        self.time_zones.contains(word)
    }

    pub fn number_word(&self, word: &str) -> Option<f64> {
        self.number_words.get(&word.to_lowercase()).copied()
    }

    pub fn scale_word(&self, word: &str) -> Option<f64> {
        self.scales.get(&word.to_lowercase()).copied()
    }

    pub fn ordinal_word(&self, word: &str) -> Option<f64> {
        self.ordinals.get(&word.to_lowercase()).copied()
    }

    pub fn fraction_word(&self, word: &str) -> Option<f64> {
        self.fractions.get(&word.to_lowercase()).copied()
    }

    /// The approximator ending exactly at the end of `words` ("more than"), as (length, kind).
    pub fn approximator_before(&self, words: &[&str]) -> Option<(usize, &str)> {
        self.approximators.longest_suffix_value(words).map(|(kind, n)| (n, kind.as_str()))
    }

    /// ISO code of a currency symbol or word.
    pub fn currency(&self, word: &str) -> Option<&str> {
        self.currencies.get(&word.to_lowercase()).map(String::as_str)
    }

    /// Length of a percent word ("per cent") at the start of `words`.
    pub fn percent_at(&self, words: &[&str]) -> Option<usize> {
        self.percent.longest(words).map(|(_, n)| n)
    }

    /// Whether `token` (with its final period) is an abbreviation that does not end a sentence.
    pub fn is_abbreviation(&self, token: &str) -> bool {
        self.abbreviations.contains(token)
    }

    /// Stems of the words of titles ("chancellor", "minist"), which name who, not what.
    pub fn title_stems(&self) -> &HashSet<String> {
        &self.title_stems
    }

    /// Whether a word says nothing in a topic name ("publicly", "also").
    pub fn is_topic_filler(&self, word: &str) -> bool {
        self.topic_fillers.contains(word)
    }

    /// Whether a stem is of a word naming a kind of quantity ("countri").
    pub fn is_measure_stem(&self, stem: &str) -> bool {
        self.measure_stems.contains(stem)
    }

    /// The stem a word stem is compared by: its synonyms' shared stem, else itself.
    pub fn canonical_stem<'s>(&'s self, stem: &'s str) -> &'s str {
        self.synonym_stems.get(stem).map_or(stem, String::as_str)
    }

    pub fn is_stopword(&self, word: &str) -> bool {
        self.stopwords.contains(&word.to_lowercase())
    }

    /// Length of a negation ("not", "ruled out") starting at `words[0]`.
    pub fn negation_at(&self, words: &[&str]) -> Option<usize> {
        self.negations.longest(words).map(|(_, n)| n)
    }

    /// Length of a marker of the future ("will", "is due to") starting at `words[0]`.
    pub fn future_marker_at(&self, words: &[&str]) -> Option<usize> {
        self.future_markers.longest(words).map(|(_, n)| n)
    }

    /// A manner phrase ("by telephone") starting at `words[0]`: (length, index into `manners`).
    pub fn manner_at(&self, words: &[&str]) -> Option<(usize, usize)> {
        self.manner_phrases.longest(words).map(|(i, n)| (n, *i))
    }

    /// The manner that the given kinds amount to together ("in person" and
    /// "by video" make a hybrid), if one is defined.
    pub fn combined_manner(&self, kinds: &[usize]) -> Option<usize> {
        self.manners.iter().position(|m| {
            !m.combines.is_empty() && m.combines.iter().all(|c| kinds.iter().any(|&k| &self.manners[k].kind == c))
        })
    }

    /// Whether two manners can both be true of one thing.
    pub fn manners_compatible(&self, a: usize, b: usize) -> bool {
        let (ma, mb) = (&self.manners[a], &self.manners[b]);
        a == b || ma.compatible.contains(&mb.kind) || mb.compatible.contains(&ma.kind)
    }

    /// The kind of event a word names ("call", "summit"): (length, kind).
    pub fn event_at(&self, words: &[&str]) -> Option<(usize, usize)> {
        self.event_words.longest(words).map(|(i, n)| (n, *i))
    }

    /// The name of a kind of event ("call").
    pub fn event_kind(&self, i: usize) -> &str {
        &self.event_kinds[i]
    }

    /// A word of a kind of quantity ("killed" is deaths) starting at `words[0]`: (length, kind).
    pub fn measure_at(&self, words: &[&str]) -> Option<(usize, usize)> {
        self.measure_words.longest(words).map(|(i, n)| (n, *i))
    }

    /// A kind of quantity that gives way to a more specific one ("people").
    pub fn is_generic_measure(&self, i: usize) -> bool {
        self.generic_measures[i]
    }

    /// Whether a kind's words may stand anywhere near the number ("killed"),
    /// rather than only as the number's own noun or unit ("days").
    pub fn is_nearby_measure(&self, i: usize) -> bool {
        self.nearby_measures[i]
    }

    /// The name of a kind of quantity, for topic names.
    pub fn measure_name(&self, i: usize) -> &str {
        &self.measure_names[i]
    }

    /// Whether the kind called `name` is a unit of measure ("years", "distance").
    pub fn is_unit_measure(&self, name: &str) -> bool {
        self.measure_names.iter().position(|n| n == name).is_some_and(|i| self.unit_measures[i])
    }

    /// The topic name for numbers of the kind called `name` ("Death toll").
    pub fn measure_topic(&self, name: &str) -> Option<&str> {
        let i = self.measure_names.iter().position(|n| n == name)?;
        Some(&self.measure_topics[i])
    }
}

/// Every word of a synonym group maps, by its stem, to the stem of the group's first word.
fn synonym_stems(groups: &[Vec<String>]) -> HashMap<String, String> {
    let stem = stem_of;
    let mut out = HashMap::new();
    for group in groups {
        let Some(first) = group.first() else { continue };
        let canonical = stem(first);
        for word in &group[1..] {
            out.insert(stem(word), canonical.clone());
        }
    }
    out
}

/// The stem claims compare a word by, before synonyms.
fn stem_of(word: &str) -> String {
    let folded = crate::text::fold(word).replace('-', "");
    rust_stemmers::Stemmer::create(rust_stemmers::Algorithm::English).stem(&folded).to_string()
}

fn lowered(words: Vec<String>) -> HashSet<String> {
    words.into_iter().map(|w| w.to_lowercase()).collect()
}

/// Multi-word phrases keyed by their first word, for longest-match lookups.
/// Case-insensitive entries are stored lower-cased; cased ones as written.
#[derive(Debug)]
struct PhraseIndex<V> {
    by_first: HashMap<String, Vec<(Vec<String>, V)>>,
    by_last: HashMap<String, Vec<(Vec<String>, V)>>,
}

impl<V> Default for PhraseIndex<V> {
    fn default() -> Self {
        Self { by_first: HashMap::new(), by_last: HashMap::new() }
    }
}

impl<V: Clone> PhraseIndex<V> {
    fn words_of(phrase: &str) -> Vec<String> {
        crate::text::words(phrase).into_iter().map(str::to_string).collect()
    }

    fn add(&mut self, words: Vec<String>, value: V) {
        let (Some(first), Some(last)) = (words.first().cloned(), words.last().cloned()) else {
            return;
        };
        for (key, map) in [(first, &mut self.by_first), (last, &mut self.by_last)] {
            let entry = map.entry(key).or_default();
            entry.push((words.clone(), value.clone()));
            entry.sort_by_key(|(phrase, _)| std::cmp::Reverse(phrase.len()));
        }
    }

    /// Adds a phrase matched case-insensitively.
    fn insert(&mut self, phrase: &str, value: V) {
        let words = Self::words_of(&phrase.to_lowercase());
        self.add(words, value);
    }

    /// Adds a phrase matched exactly as written ("US" must not match "us").
    fn insert_cased(&mut self, phrase: &str, value: V) {
        let words = Self::words_of(phrase);
        self.add(words, value);
    }

    fn longest(&self, words: &[&str]) -> Option<(&V, usize)> {
        // Asked at every word of every article, and most words start no phrase:
        // the first word is looked up before the others are lowered.
        self.by_first.get(&words.first()?.to_lowercase())?;
        let lowered: Vec<String> = words.iter().take(8).map(|w| w.to_lowercase()).collect();
        let refs: Vec<&str> = lowered.iter().map(String::as_str).collect();
        self.longest_cased(&refs)
    }

    fn longest_cased(&self, words: &[&str]) -> Option<(&V, usize)> {
        let first = words.first()?;
        self.by_first.get(*first)?.iter().find_map(|(phrase, value)| {
            (phrase.len() <= words.len() && phrase.iter().zip(words).all(|(a, b)| a == b))
                .then_some((value, phrase.len()))
        })
    }

    fn longest_suffix_value(&self, words: &[&str]) -> Option<(&V, usize)> {
        self.by_last.get(&words.last()?.to_lowercase())?;
        let start = words.len().saturating_sub(8);
        let lowered: Vec<String> = words[start..].iter().map(|w| w.to_lowercase()).collect();
        let last = lowered.last()?;
        self.by_last.get(last)?.iter().find_map(|(phrase, value)| {
            (phrase.len() <= lowered.len() && phrase.iter().rev().zip(lowered.iter().rev()).all(|(a, b)| a == b))
                .then_some((value, phrase.len()))
        })
    }

    fn longest_suffix(&self, words: &[&str]) -> Option<usize> {
        self.longest_suffix_value(words).map(|(_, n)| n)
    }
}

impl PhraseIndex<()> {
    fn from_words(phrases: &[String]) -> Self {
        let mut index = Self::default();
        for phrase in phrases {
            index.insert(phrase, ());
        }
        index
    }
}
