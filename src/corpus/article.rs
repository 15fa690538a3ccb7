//! One article of a generated corpus: its facts, quotations and chrome are
//! chosen and worded (a [`Draft`]), then laid out as a Markdown file with
//! front matter, a bare Markdown file or a plain-text page copy.

use std::collections::{BTreeSet, HashMap};

use chrono::{Datelike, Days, NaiveDate};

use super::event::{Event, person_name, place};
use super::{Article, Rng};
use crate::text::dates::MONTH_NAMES as MONTHS;

/// A written article before it is laid out as a file.
#[derive(Debug, Clone)]
pub struct Draft {
    pub outlet: usize,
    pub headline: String,
    pub byline: String,
    pub published: NaiveDate,
    pub body: Vec<Block>,
}

/// A line of the page: article text or page chrome.
#[derive(Debug, Clone)]
pub enum Block {
    Text(String),
    Subhead(String),
    Caption(String),
    Teaser(String),
    Promo(String),
    Furniture(String),
}

/// A laid-out article, whether others may republish it, and its entry in `sources.toml`.
pub struct Written {
    pub article: Article,
    pub draft: Draft,
    pub wire: bool,
    pub listed: Option<String>,
}

const WEEKDAYS: [&str; 7] = ["Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday"];
const SMALL_NUMBERS: [&str; 10] = ["no", "one", "two", "three", "four", "five", "six", "seven", "eight", "nine"];

/// Facts an article may give besides its lead, in the order they are considered.
const FACTS: [&str; 20] = [
    "injured",
    "army",
    "schools",
    "insurance",
    "forecast",
    "victims",
    "population",
    "inquiry",
    "missing",
    "evacuated",
    "rescuers",
    "emergency",
    "aid",
    "warning",
    "visit",
    "help",
    "call",
    "infrastructure",
    "homes",
    "history",
];

/// Writes article `index` from scratch.
pub fn write(event: &Event, index: usize, rng: &mut Rng) -> Written {
    let wire = rng.chance(0.15);
    let outlet = if wire { rng.below(event.pools.wires.len()) } else { own_outlet(event, rng) };
    let offset = rng.below(4) as u64;
    let published = event.date + Days::new(offset);
    let mut writer = Writer::new(event, rng, published, offset as usize);
    let draft = writer.draft(outlet);
    lay_out(event, index, draft, wire, rng)
}

/// Republishes a wire article under another outlet: the same paragraphs,
/// perhaps a new headline and a shorter end, and the outlet's own chrome.
pub fn republish(event: &Event, index: usize, original: &Draft, rng: &mut Rng) -> Written {
    let outlet = own_outlet(event, rng);
    let wire_name = &event.outlets[original.outlet].name;
    let byline = match rng.below(3) {
        0 => wire_name.clone(),
        1 => format!("{wire_name} staff"),
        _ => format!("{} with {wire_name}", original.byline),
    };
    let mut body: Vec<Block> = original.body.iter().filter(|b| matches!(b, Block::Text(_))).cloned().collect();
    let keep = body.len().saturating_sub(rng.below(3)).max(4);
    body.truncate(keep);
    let published = original.published + Days::new(rng.below(2) as u64);
    let offset = (published - event.date).num_days() as usize;
    let mut writer = Writer::new(event, rng, published, offset);
    let headline = if writer.rng.chance(0.5) { original.headline.clone() } else { writer.headline() };
    writer.add_chrome(&mut body);
    let draft = Draft { outlet, headline, byline, published, body };
    lay_out(event, index, draft, false, rng)
}

fn own_outlet(event: &Event, rng: &mut Rng) -> usize {
    let wires = event.pools.wires.len();
    wires + rng.below(event.outlets.len() - wires)
}

/// Chooses and words one article's content.
struct Writer<'a> {
    event: &'a Event,
    rng: &'a mut Rng,
    published: NaiveDate,
    /// Days from the event to publication: how far the story has moved on.
    offset: usize,
    /// Slot values fixed for the whole article (its figures, its dates).
    slots: HashMap<&'static str, String>,
    /// People already named in full, later called by surname.
    named: BTreeSet<String>,
}

impl<'a> Writer<'a> {
    fn new(event: &'a Event, rng: &'a mut Rng, published: NaiveDate, offset: usize) -> Writer<'a> {
        let mut writer =
            Writer { event, rng, published, offset: offset.min(3), slots: HashMap::new(), named: BTreeSet::new() };
        writer.fix_slots();
        writer
    }

    fn draft(&mut self, outlet: usize) -> Draft {
        let headline = self.headline();
        let byline = self.byline();
        let mut body = vec![Block::Text(self.fill_from("lead"))];
        let mut facts: Vec<&str> = FACTS.iter().copied().filter(|_| self.rng.chance(0.65)).collect();
        self.rng.shuffle(&mut facts);
        let event = self.event;
        let mut roles: Vec<&String> = event.people.keys().collect();
        self.rng.shuffle(&mut roles);
        roles.truncate(self.rng.between(3, 6) as usize);
        // Groups of paragraphs that stay together (a quotation over two paragraphs).
        let mut middle: Vec<Vec<Block>> = facts
            .iter()
            .map(|fact| {
                let key = match *fact {
                    "visit" if event.date + Days::new(self.visit_offset()) > self.published => "visit_future",
                    "visit" => "visit_past",
                    other => other,
                };
                vec![Block::Text(self.fill_from(key))]
            })
            .collect();
        for role in roles {
            let at = self.rng.below(middle.len() + 1);
            let quote = self.quote(role);
            middle.insert(at, quote.into_iter().map(Block::Text).collect());
        }
        for _ in 0..self.rng.between(0, 2) {
            let at = self.rng.below(middle.len() + 1);
            let witness = self.witness();
            middle.insert(at, vec![Block::Text(witness)]);
        }
        for _ in 0..self.rng.below(3) {
            let at = self.rng.below(middle.len() + 1);
            let colour = self.fill_from("colour");
            middle.insert(at, vec![Block::Text(colour)]);
        }
        if middle.len() > 5 && self.rng.chance(0.35) {
            let at = 3 + self.rng.below(middle.len() - 3);
            let subhead = self.fill_from("subheads");
            middle.insert(at, vec![Block::Subhead(subhead)]);
        }
        body.extend(middle.into_iter().flatten());
        self.add_chrome(&mut body);
        Draft { outlet, headline, byline, published: self.published, body }
    }

    fn headline(&mut self) -> String {
        self.fill_from("headlines")
    }

    fn byline(&mut self) -> String {
        let pools = &self.event.pools;
        let (given, surname) = person_name(pools, self.rng);
        if self.rng.chance(0.2) {
            let (other_given, other_surname) = person_name(pools, self.rng);
            format!("{given} {surname} and {other_given} {other_surname}")
        } else {
            format!("{given} {surname}")
        }
    }

    /// Captions, teasers, promotions and furniture where a web page has them.
    fn add_chrome(&mut self, body: &mut Vec<Block>) {
        let pools = &self.event.pools;
        if self.rng.chance(0.55) {
            let caption = self.fill_from("captions");
            let (given, surname) = person_name(pools, self.rng);
            let credit = self.rng.pick(&pools.photo_credits);
            body.insert(0, Block::Caption(format!("{caption} Photo: {given} {surname} / {credit}")));
        }
        if body.len() > 4 && self.rng.chance(0.45) {
            let at = 2 + self.rng.below(body.len() - 3);
            let teaser = self.fill_from("teasers");
            body.insert(at, Block::Teaser(teaser));
        }
        if body.len() > 4 && self.rng.chance(0.3) {
            let at = 2 + self.rng.below(body.len() - 3);
            let furniture = self.rng.pick(&pools.facts["chrome"]).clone();
            body.insert(at, Block::Furniture(furniture));
        }
        if self.rng.chance(0.45) {
            let promo = self.fill_from("promos");
            body.push(Block::Promo(promo));
        }
    }

    /// One quotation of `role` in one or two paragraphs, cut or reworded as outlets do.
    fn quote(&mut self, role: &str) -> Vec<String> {
        let event = self.event;
        let person = &event.people[role];
        let (opener, continuation) = self.rng.pick(&person.quotes).clone();
        let full = format!("{opener}, {continuation}");
        let text = match self.rng.below(20) {
            0..=12 => full,
            13..=16 => self.reword(&full),
            _ => opener.clone(),
        };
        let verbs = &event.pools.speech_verbs;
        let verb = self.rng.pick(verbs).clone();
        let after_verb = self.rng.pick(&verbs[..4]).clone();
        let reference = self.person(role, false);
        let paragraphs = match self.rng.below(5) {
            0 => vec![format!("“{text},” {reference} {verb}.")],
            1 if !self.named.contains(role) || self.rng.chance(0.5) => {
                self.named.insert(role.to_string());
                vec![format!("“{text},” {after_verb} {}, {}.", person.name(), person.described)]
            }
            2 => vec![format!("{} told reporters in {}: “{text}.”", capitalise(&reference), event.city)],
            3 => vec![format!("“{opener},” {reference} said."), format!("“{}.”", capitalise(&continuation))],
            _ => vec![format!("In a statement, {reference} said: “{text}.”")],
        };
        paragraphs.iter().map(|p| tidy(p)).collect()
    }

    /// A local witness only this article quotes.
    fn witness(&mut self) -> String {
        let event = self.event;
        let pools = &event.pools;
        let voice = &pools.voices["witness"];
        let quote = format!("{}, {}", self.rng.pick(&voice.openers), self.rng.pick(&voice.continuations));
        let (given, surname) = person_name(pools, self.rng);
        let age = self.rng.between(19, 86);
        let job = self.rng.pick(&pools.jobs);
        let street = self.slots["street"].clone();
        match self.rng.below(3) {
            0 => format!("“{quote},” said {given} {surname}, {age}, a {job} who lives on {street}."),
            1 => format!("{given} {surname}, a {age}-year-old {job}, said: “{quote}.”"),
            _ => {
                let outlet = &event.outlets[own_outlet(event, self.rng)].name;
                format!("“{quote},” {given} {surname}, a {job}, told {outlet}.")
            }
        }
    }

    /// One word swapped for another rendering, as a translation would.
    fn reword(&mut self, text: &str) -> String {
        let event = self.event;
        let synonyms = &event.pools.synonyms;
        let words: Vec<&str> = text.split(' ').collect();
        let swappable: Vec<usize> = (0..words.len()).filter(|&i| synonyms.contains_key(words[i])).collect();
        if swappable.is_empty() {
            return text.to_string();
        }
        let at = *self.rng.pick(&swappable);
        let swapped: Vec<&str> =
            words.iter().enumerate().map(|(i, w)| if i == at { synonyms[*w].as_str() } else { w }).collect();
        swapped.join(" ")
    }

    /// A random template of pool `key`, filled.
    fn fill_from(&mut self, key: &str) -> String {
        let event = self.event;
        let template = self.rng.pick(&event.pools.facts[key]).clone();
        let filled = self.fill(&template);
        tidy(&filled)
    }

    /// Replaces every `{slot}` of `template`.
    fn fill(&mut self, template: &str) -> String {
        let mut out = String::with_capacity(template.len() + 40);
        let mut rest = template;
        while let Some(open) = rest.find('{') {
            out.push_str(&rest[..open]);
            let close = open + rest[open..].find('}').expect("slots are closed");
            let value = self.slot(&rest[open + 1..close]);
            out.push_str(&self.fill(&value));
            rest = &rest[close + 1..];
        }
        out.push_str(rest);
        out
    }

    fn slot(&mut self, name: &str) -> String {
        if let Some(value) = self.slots.get(name) {
            return value.clone();
        }
        if let Some(role) = name.strip_suffix("_full") {
            return self.person(role, true);
        }
        if let Some(role) = name.strip_suffix("_last") {
            return self.person(role, false);
        }
        match name {
            "authority_said" => match self.rng.below(3) {
                0 => format!("the {} said", self.event.agency),
                1 => format!("said {}", self.person("spokes", false)),
                _ => "officials said".to_string(),
            },
            "chief_said" => format!("said {}", self.person("chief", false)),
            "serious" => number(self.rng.between(5, 40)),
            "children" => number(self.rng.between(3, 25)),
            other => panic!("corpus template uses unknown slot {{{other}}}"),
        }
    }

    /// A person as this article refers to them: in full the first time
    /// (or when `full` is asked), by surname afterwards.
    fn person(&mut self, role: &str, full: bool) -> String {
        let event = self.event;
        let person = &event.people[role];
        if !full && self.named.contains(role) {
            return person.surname.clone();
        }
        self.named.insert(role.to_string());
        if person.title.is_empty() || self.rng.chance(0.25) {
            // The closing comma of the apposition goes where the sentence ends (see `tidy`).
            format!("{}, {},", person.name(), person.described)
        } else {
            format!("{} {}", person.title, person.name())
        }
    }

    fn visit_offset(&self) -> u64 {
        self.slots["visit_offset"].parse().expect("a number")
    }

    /// The article's own figures, places and date references.
    fn fix_slots(&mut self) {
        let event = self.event;
        let figures = &event.figures;
        let kind = event.kind();
        let stage = self.offset;
        let rng = &mut *self.rng;
        // Most outlets carry the latest official toll; some an older figure, a few a local count.
        let dead = match rng.below(20) {
            0..=13 => figures.dead[stage],
            14..=17 => figures.dead[stage.saturating_sub(1)],
            _ => figures.dead[stage] + rng.between(1, 6),
        };
        let dead_phrase = format!("{}{}", rng.pick(&["at least ", "", "at least ", "more than "]), number(dead));
        let missing = figures.missing[stage] + if rng.chance(0.2) { rng.between(1, 9) } else { 0 };
        let injured = figures.injured + stage as u32 * rng.between(5, 30);
        let injured_phrase = format!("{}{}", rng.pick(&["more than ", "about ", "at least ", ""]), number(injured));
        let evacuated = figures.evacuated + if rng.chance(0.2) { rng.between(1, 20) * 100 } else { 0 };
        let evacuated_phrase =
            format!("{}{}", rng.pick(&["nearly ", "about ", "some ", "more than "]), number(evacuated));
        let rescuers = figures.rescuers;
        let homes = format!("{}{}", rng.pick(&["about ", "", "more than ", "nearly "]), number(figures.homes));
        let country = event.country();
        let aid_millions = figures.aid_millions + if rng.chance(0.1) { 5 * rng.between(1, 4) } else { 0 };
        let space = if country.currency.chars().all(char::is_alphabetic) { " " } else { "" };
        let money_prefix = format!("{}{space}", country.currency);
        let aid = if rng.chance(0.6) {
            format!("{money_prefix}{aid_millions} million")
        } else {
            format!("{aid_millions} million {}", country.money_words)
        };
        let mut helpers: Vec<&str> = event.helpers[..5].iter().map(String::as_str).collect();
        rng.shuffle(&mut helpers);
        helpers.truncate(rng.between(2, 4) as usize);
        // One outlet in five says the leaders spoke by video; one in seven gives a later visit.
        let manner = if rng.chance(0.2) { "by video link" } else { "by telephone" };
        let visit_offset: u64 = if rng.chance(0.15) { 2 } else { 1 };
        let street = format!("{} {}", place(&event.pools, rng), rng.pick(&event.pools.street_kinds));
        let district = format!("{} {}", rng.pick(&event.pools.district_kinds), place(&event.pools, rng));
        let opener = &event.people["mayor"].quotes[0].0;
        let short_quote: String = opener.split(' ').take(5).collect::<Vec<_>>().join(" ");

        let published = self.published;
        let day = |offset: u64| event.date + Days::new(offset);
        let event_ref = refer(rng, published, event.date);
        let warning_ref = match rng.below(3) {
            0 => "two days before the disaster".to_string(),
            _ => refer(rng, published, event.date - Days::new(2)),
        };
        let visit_ref = refer(rng, published, day(visit_offset));
        let call_day = day(rng.below(2) as u64);
        let call_ref = refer(rng, published, call_day);
        let toll_ref = refer(rng, published, published);
        let values = [
            ("city", event.city.clone()),
            ("region", event.region.clone()),
            ("country", country.name.clone()),
            ("agency", event.agency.clone()),
            ("aid_org", event.aid_org.clone()),
            ("noun", kind.noun.clone()),
            ("the_event", kind.the.clone()),
            ("the_event_cap", capitalise(&kind.the)),
            ("headline_noun", kind.headline.clone()),
            ("hit", kind.hit.clone()),
            ("cause", kind.cause.clone()),
            ("damage", kind.damage.clone()),
            ("dead", dead_phrase.clone()),
            ("dead_cap", capitalise(&dead_phrase)),
            ("dead_n", dead.to_string()),
            ("dead_low", figures.dead[0].to_string()),
            ("missing", number(missing)),
            ("missing_cap", capitalise(&number(missing))),
            ("missing_n", missing.to_string()),
            ("injured", injured_phrase.clone()),
            ("injured_cap", capitalise(&injured_phrase)),
            ("injured_detail", rng.pick(&event.pools.facts["injured_detail"]).clone()),
            ("evacuated", evacuated_phrase.clone()),
            ("evacuated_cap", capitalise(&evacuated_phrase)),
            ("shelters", figures.shelters.to_string()),
            ("rescuers", number(rescuers)),
            ("rescuers_cap", number(rescuers)),
            ("rescuers_round", number(rescuers / 500 * 500)),
            ("helicopters", number(figures.helicopters)),
            ("homes", homes.clone()),
            ("homes_cap", capitalise(&homes)),
            ("power", number(figures.power)),
            ("aid", aid),
            ("prev_year", figures.previous_year.to_string()),
            ("soldiers", number(figures.soldiers)),
            ("schools", number(figures.schools)),
            ("cost", format!("{}{} million", money_prefix, figures.cost_millions + rng.between(0, 3) * 10)),
            ("children_dead", number(figures.children_dead)),
            ("population", number(figures.population)),
            ("distance", figures.distance.to_string()),
            ("prev_dead", number(figures.previous_dead)),
            ("helpers", join_list(&helpers)),
            ("manner", manner.to_string()),
            ("street", street),
            ("district", district),
            ("short_quote", short_quote),
            ("visit_offset", visit_offset.to_string()),
            ("weekday_ref", WEEKDAYS[published.weekday().num_days_from_monday() as usize].to_string()),
        ];
        self.slots.extend(values);
        let (foreign_title, foreign_name, foreign_country) = &event.foreign;
        self.slots.extend([
            ("event_ref", event_ref),
            ("warning_ref", warning_ref),
            ("visit_ref", visit_ref),
            ("call_ref", call_ref),
            ("toll_ref", toll_ref),
            ("foreign_title", foreign_title.clone()),
            ("foreign_name", foreign_name.clone()),
            ("foreign_country", foreign_country.clone()),
        ]);
    }
}

/// How an article published on `published` refers to `day`: "on Tuesday",
/// "yesterday", "on 12 March", "two days ago"…
fn refer(rng: &mut Rng, published: NaiveDate, day: NaiveDate) -> String {
    let weekday = WEEKDAYS[day.weekday().num_days_from_monday() as usize];
    let month = MONTHS[day.month0() as usize];
    let ago = (published - day).num_days();
    match (ago, rng.below(4)) {
        (1, 0) => "yesterday".to_string(),
        (2..=9, 0) => format!("{} days ago", SMALL_NUMBERS[ago as usize]),
        (_, 1) => format!("on {} {month}", day.day()),
        (_, 2) => format!("on {month} {}", day.day()),
        _ => format!("on {weekday}"),
    }
}

/// Lays a draft out as a file in one of the three shapes articles come in.
fn lay_out(event: &Event, index: usize, draft: Draft, wire: bool, rng: &mut Rng) -> Written {
    let outlet = &event.outlets[draft.outlet];
    let stem = format!("{index:05}_{:016x}", rng.next());
    let date = draft.published;
    let date_line = match rng.below(4) {
        0 => format!("{} {}, {}", MONTHS[date.month0() as usize], date.day(), date.year()),
        1 => format!(
            "Published: {} {} {}, {:02}:{:02}",
            date.day(),
            MONTHS[date.month0() as usize],
            date.year(),
            rng.between(6, 22),
            rng.below(60)
        ),
        2 => format!(
            "Updated: {} {}, {} {}:{:02} PM",
            &MONTHS[date.month0() as usize][..3],
            date.day(),
            date.year(),
            rng.between(1, 11),
            rng.below(60)
        ),
        _ => format!(
            "{} {} {} {}",
            WEEKDAYS[date.weekday().num_days_from_monday() as usize],
            date.day(),
            MONTHS[date.month0() as usize],
            date.year()
        ),
    };
    let slug: String = draft
        .headline
        .to_lowercase()
        .split(|c: char| !c.is_ascii_alphanumeric())
        .filter(|w| !w.is_empty())
        .collect::<Vec<_>>()
        .join("-");
    let url = format!("https://www.{}/news/{}/{slug}", outlet.domain, date.format("%Y/%m/%d"));
    let mut listed = None;
    let text = match rng.below(10) {
        0..=3 => {
            let mut text = format!(
                "---\noutlet: {}\ntitle: \"{}\"\nbyline: {}\npublished: {}\nurl: {url}\n---\n\n# {}\n\n",
                outlet.name,
                draft.headline.replace('"', "\\\""),
                draft.byline,
                date.format("%Y-%m-%d"),
                draft.headline
            );
            markdown_body(&mut text, &draft, outlet.domain.as_str(), index);
            text
        }
        4 => {
            let mut text = format!("# {}\n\nBy {}\n\n{date_line}\n\n", draft.headline, draft.byline);
            markdown_body(&mut text, &draft, outlet.domain.as_str(), index);
            text
        }
        _ => {
            let gap = if rng.chance(0.5) { "\n\n" } else { "\n" };
            let mut lines = vec![draft.headline.clone()];
            if rng.chance(0.75) {
                lines.push(format!("By {}", draft.byline));
            }
            if rng.chance(0.7) {
                lines.push(date_line);
            }
            for block in &draft.body {
                lines.push(match block {
                    Block::Teaser(t) => format!("Read more: {t}"),
                    Block::Text(t) | Block::Subhead(t) | Block::Caption(t) | Block::Promo(t) | Block::Furniture(t) => {
                        t.clone()
                    }
                });
            }
            if rng.chance(0.5) {
                lines.push(format!("© {} {}. All rights reserved.", date.year(), outlet.name));
            }
            if rng.chance(0.5) {
                let mut entry = format!("outlet = \"{}\"\n", outlet.name);
                if rng.chance(0.7) {
                    entry.push_str(&format!("published = \"{}\"\n", date.format("%Y-%m-%d")));
                }
                listed = Some(entry);
            }
            lines.join(gap) + "\n"
        }
    };
    let extension = if text.starts_with('#') || text.starts_with("---") { "md" } else { "txt" };
    let article = Article { file_name: format!("{stem}.{extension}"), text };
    Written { article, draft, wire, listed }
}

fn markdown_body(text: &mut String, draft: &Draft, domain: &str, index: usize) {
    for block in &draft.body {
        match block {
            Block::Text(t) | Block::Promo(t) | Block::Furniture(t) => text.push_str(t),
            Block::Subhead(t) => text.push_str(&format!("## {t}")),
            Block::Caption(t) => text.push_str(&format!("![{t}](https://cdn.{domain}/img/{index}.jpg)\n*{t}*")),
            Block::Teaser(t) => text.push_str(&format!("**Read more:** [{t}](https://www.{domain}/more/{index})")),
        }
        text.push_str("\n\n");
    }
}

/// Drops the comma an apposition leaves before a full stop or another comma.
fn tidy(text: &str) -> String {
    text.replace(",.", ".").replace(",,", ",").replace(",:", ":")
}

/// "4,200"; small numbers in words, as newsrooms write them.
fn number(n: u32) -> String {
    if n < 10 {
        return SMALL_NUMBERS[n as usize].to_string();
    }
    let digits = n.to_string();
    let mut out = String::new();
    for (i, c) in digits.chars().enumerate() {
        if i > 0 && (digits.len() - i).is_multiple_of(3) {
            out.push(',');
        }
        out.push(c);
    }
    out
}

/// "Denmark, Sweden and Greece".
fn join_list(items: &[&str]) -> String {
    match items {
        [] => String::new(),
        [one] => one.to_string(),
        [init @ .., last] => format!("{} and {last}", init.join(", ")),
    }
}

fn capitalise(text: &str) -> String {
    let mut chars = text.chars();
    chars.next().map(|c| c.to_uppercase().chain(chars).collect()).unwrap_or_default()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn numbers_as_written() {
        assert_eq!(number(7), "seven");
        assert_eq!(number(42), "42");
        assert_eq!(number(4200), "4,200");
        assert_eq!(number(120000), "120,000");
    }

    #[test]
    fn lists_as_written() {
        assert_eq!(join_list(&["A", "B", "C"]), "A, B and C");
        assert_eq!(join_list(&["A"]), "A");
    }
}
