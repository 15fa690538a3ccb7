//! The invented event a corpus reports on: what happened where and when, the
//! people involved with the words they said, the official figures day by
//! day, and the outlets that cover it.

use std::collections::BTreeMap;

use chrono::NaiveDate;
use serde::Deserialize;

use super::Rng;

/// The word pools, parsed once per corpus.
#[derive(Debug, Deserialize)]
pub struct Pools {
    pub given_female: Vec<String>,
    pub given_male: Vec<String>,
    pub surname_starts: Vec<String>,
    pub surname_ends: Vec<String>,
    pub place_starts: Vec<String>,
    pub place_ends: Vec<String>,
    pub street_kinds: Vec<String>,
    pub district_kinds: Vec<String>,
    pub countries: Vec<Country>,
    pub helper_countries: Vec<String>,
    pub outlet_firsts: Vec<String>,
    pub outlet_seconds: Vec<String>,
    pub wires: Vec<String>,
    pub photo_credits: Vec<String>,
    pub agency_firsts: Vec<String>,
    pub agency_seconds: Vec<String>,
    pub aid_orgs: Vec<String>,
    pub disciplines: Vec<String>,
    pub jobs: Vec<String>,
    pub speech_verbs: Vec<String>,
    pub kinds: Vec<Kind>,
    pub roles: Vec<RoleDef>,
    pub voices: BTreeMap<String, Voice>,
    pub synonyms: BTreeMap<String, String>,
    pub facts: BTreeMap<String, Vec<String>>,
}

#[derive(Debug, Deserialize)]
pub struct Country {
    pub name: String,
    pub currency: String,
    pub money_words: String,
}

#[derive(Debug, Deserialize)]
pub struct Kind {
    pub noun: String,
    pub the: String,
    pub headline: String,
    pub hit: String,
    pub cause: String,
    pub damage: String,
}

#[derive(Debug, Deserialize)]
pub struct RoleDef {
    pub key: String,
    pub title: String,
    pub described: String,
    pub voice: String,
}

#[derive(Debug, Deserialize)]
pub struct Voice {
    pub openers: Vec<String>,
    pub continuations: Vec<String>,
}

/// Someone the event involves, with the quotations outlets carry.
#[derive(Debug)]
pub struct Person {
    pub given: String,
    pub surname: String,
    /// "Interior Minister", or empty when only a description fits.
    pub title: String,
    /// "the mayor of Ashford".
    pub described: String,
    /// Each quotation as an opening clause and a continuation.
    pub quotes: Vec<(String, String)>,
}

impl Person {
    pub fn name(&self) -> String {
        format!("{} {}", self.given, self.surname)
    }
}

/// An outlet and the domain its links use. The first ones are the wires.
#[derive(Debug)]
pub struct Outlet {
    pub name: String,
    pub domain: String,
}

/// Official figures on each day after the event (index 0 = the day itself).
#[derive(Debug)]
pub struct Figures {
    pub dead: [u32; 4],
    pub missing: [u32; 4],
    pub injured: u32,
    pub evacuated: u32,
    pub shelters: u32,
    pub rescuers: u32,
    pub helicopters: u32,
    pub homes: u32,
    pub power: u32,
    pub aid_millions: u32,
    pub previous_year: u32,
    pub previous_dead: u32,
    pub soldiers: u32,
    pub schools: u32,
    pub cost_millions: u32,
    pub children_dead: u32,
    pub population: u32,
    pub distance: u32,
}

/// The event every article of a corpus reports.
#[derive(Debug)]
pub struct Event {
    pub pools: Pools,
    pub kind: usize,
    pub country: usize,
    pub region: String,
    pub city: String,
    pub agency: String,
    pub aid_org: String,
    pub date: NaiveDate,
    pub people: BTreeMap<String, Person>,
    pub helpers: Vec<String>,
    pub foreign: (String, String, String),
    pub figures: Figures,
    pub outlets: Vec<Outlet>,
}

const POOLS: &str = include_str!("pools.toml");

impl Event {
    /// Invents the event of corpus `seed`, with outlets enough for `articles`.
    pub fn new(seed: u64, articles: usize) -> Event {
        let pools: Pools = toml::from_str(POOLS).expect("the built-in corpus pools are valid TOML");
        let mut rng = Rng::new(seed);
        let kind = rng.below(pools.kinds.len());
        let country = rng.below(pools.countries.len());
        let city = place(&pools, &mut rng);
        let region = loop {
            let region = place(&pools, &mut rng);
            if region != city {
                break region;
            }
        };
        let university_city = place(&pools, &mut rng);
        let agency = format!("{} {}", rng.pick(&pools.agency_firsts), rng.pick(&pools.agency_seconds));
        let aid_org = rng.pick(&pools.aid_orgs).clone();
        let discipline = rng.pick(&pools.disciplines).clone();
        let date = NaiveDate::from_ymd_opt(2026, rng.between(1, 11), rng.between(1, 25)).expect("a valid day");
        let fill = |text: &str| {
            text.replace("{region}", &region)
                .replace("{city}", &city)
                .replace("{agency}", &agency)
                .replace("{aid_org}", &aid_org)
                .replace("{discipline}", &discipline)
                .replace("{uni_city}", &university_city)
        };
        let mut people = BTreeMap::new();
        let mut surnames = Vec::new();
        // Openers are dealt out per voice, so that two people rarely say the same words.
        let mut openers: BTreeMap<&str, Vec<&String>> = BTreeMap::new();
        for (name, voice) in &pools.voices {
            let mut deck: Vec<&String> = voice.openers.iter().collect();
            rng.shuffle(&mut deck);
            openers.insert(name, deck);
        }
        let mut dealt: BTreeMap<&str, usize> = BTreeMap::new();
        for role in &pools.roles {
            let (given, surname) = loop {
                let (given, surname) = person_name(&pools, &mut rng);
                if !surnames.contains(&surname) {
                    break (given, surname);
                }
            };
            surnames.push(surname.clone());
            let voice = &pools.voices[&role.voice];
            let deck = &openers[role.voice.as_str()];
            let quotes = (0..2)
                .map(|_| {
                    let next = dealt.entry(role.voice.as_str()).or_default();
                    let opener = deck[*next % deck.len()];
                    *next += 1;
                    (fill(opener), fill(rng.pick(&voice.continuations).as_str()))
                })
                .collect();
            let person = Person { given, surname, title: fill(&role.title), described: fill(&role.described), quotes };
            people.insert(role.key.clone(), person);
        }
        let mut helpers = pools.helper_countries.clone();
        rng.shuffle(&mut helpers);
        helpers.truncate(6);
        let (foreign_given, foreign_surname) = person_name(&pools, &mut rng);
        let foreign = (
            "President".to_string(),
            format!("{foreign_given} {foreign_surname}"),
            pools.helper_countries[rng.below(pools.helper_countries.len())].clone(),
        );
        let dead0 = rng.between(12, 60);
        let step = rng.between(3, 15);
        let missing0 = rng.between(30, 90);
        let figures = Figures {
            dead: [dead0, dead0 + step, dead0 + 2 * step + 1, dead0 + 2 * step + 4],
            missing: [missing0, missing0 * 2 / 3, missing0 / 2, missing0 / 3],
            injured: rng.between(60, 400),
            evacuated: rng.between(20, 150) * 100,
            shelters: rng.between(12, 60),
            rescuers: rng.between(8, 40) * 100,
            helicopters: rng.between(6, 30),
            homes: rng.between(150, 1800),
            power: rng.between(12, 90) * 1000,
            aid_millions: rng.between(5, 40) * 5,
            previous_year: rng.between(1953, 2014),
            previous_dead: rng.between(20, 300),
            soldiers: rng.between(2, 30) * 50,
            schools: rng.between(4, 40),
            cost_millions: rng.between(10, 90) * 10,
            children_dead: rng.between(2, 9),
            population: rng.between(8, 120) * 1000,
            distance: rng.between(15, 140),
        };
        let outlets = outlets(&pools, &mut rng, articles);
        Event { pools, kind, country, region, city, agency, aid_org, date, people, helpers, foreign, figures, outlets }
    }

    pub fn kind(&self) -> &Kind {
        &self.pools.kinds[self.kind]
    }

    pub fn country(&self) -> &Country {
        &self.pools.countries[self.country]
    }
}

/// "Ashmoor": an invented place name.
pub fn place(pools: &Pools, rng: &mut Rng) -> String {
    format!("{}{}", rng.pick(&pools.place_starts), rng.pick(&pools.place_ends))
}

/// An invented given name and surname ("Elin", "Dalholt").
pub fn person_name(pools: &Pools, rng: &mut Rng) -> (String, String) {
    let given = if rng.chance(0.5) { rng.pick(&pools.given_female) } else { rng.pick(&pools.given_male) };
    (given.clone(), format!("{}{}", rng.pick(&pools.surname_starts), rng.pick(&pools.surname_ends)))
}

/// The wires and enough outlets that a big story has many (about one per
/// six articles), each with its own domain.
fn outlets(pools: &Pools, rng: &mut Rng, articles: usize) -> Vec<Outlet> {
    let mut outlets: Vec<Outlet> =
        pools.wires.iter().map(|name| Outlet { name: name.clone(), domain: domain(name) }).collect();
    let wanted = (articles / 6).clamp(4, 2000);
    let mut names: Vec<String> = Vec::new();
    let mut seen = std::collections::HashSet::new();
    while names.len() < wanted {
        let name = match rng.below(3) {
            0 => format!("The {} {}", rng.pick(&pools.outlet_firsts), rng.pick(&pools.outlet_seconds)),
            1 => format!("{} {}", place(pools, rng), rng.pick(&pools.outlet_seconds)),
            _ => format!("The {} {}", place(pools, rng), rng.pick(&pools.outlet_seconds)),
        };
        // Past a few hundred outlets the combinations run out; a town's second paper is numbered.
        let name = if seen.contains(&name) { format!("{name} {}", names.len()) } else { name };
        seen.insert(name.clone());
        names.push(name);
    }
    outlets.extend(names.into_iter().map(|name| Outlet { domain: domain(&name), name }));
    outlets
}

/// "The Morning Herald" → "morningherald.com".
fn domain(name: &str) -> String {
    let letters: String = name
        .trim_start_matches("The ")
        .chars()
        .filter(char::is_ascii_alphanumeric)
        .map(|c| c.to_ascii_lowercase())
        .collect();
    format!("{letters}.com")
}
