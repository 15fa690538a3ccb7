//! Recognises the people a source mentions: capitalised names with the
//! evidence that they are people (an honorific, a title, a role in
//! apposition, an age), their roles ("French President Emmanuel Moreau",
//! "Mark Jansen, the NATO secretary general"), and the surname-only and
//! title-only references that point back to them within the source.

use crate::knowledge::{Knowledge, Place};
use crate::text::names::{given_names_compatible, is_initial, skeleton};
use crate::text::{Token, TokenKind};

/// A person's grammatical gender, when the text shows it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Gender {
    Male,
    Female,
}

impl Gender {
    pub fn from_code(code: &str) -> Option<Gender> {
        match code {
            "m" => Some(Gender::Male),
            "f" => Some(Gender::Female),
            _ => None,
        }
    }
}

/// One mention of a person's name in a paragraph.
#[derive(Debug, Clone, PartialEq)]
pub struct Mention {
    /// Paragraph number (0 is the title).
    pub para: usize,
    /// Token range of the name itself (no honorific or title).
    pub first: usize,
    pub last: usize,
    /// The name as written, words joined by spaces.
    pub name: String,
    /// The name's words as compared, a particle joined to the surname it
    /// belongs to ("Tomás", "Ó Briain"; "Ursula", "von der Leyen").
    pub parts: Vec<String>,
    pub gender: Option<Gender>,
    /// An honorific, title, role or age shows this is a person.
    pub evidence: bool,
    /// A role the text gives the person here, normalised.
    pub role: Option<String>,
    /// An age the text gives here ("Jane Roe, 38,", "71-year-old Jane Roe"),
    /// with the byte offset where it is written.
    pub age: Option<(u32, usize)>,
}

/// A person as one source knows them.
#[derive(Debug, Clone, PartialEq)]
pub struct LocalPerson {
    /// Every form of the name the source uses (full and surname alone), as written.
    pub forms: Vec<String>,
    /// The fullest form, word by word.
    pub full: Vec<String>,
    pub roles: Vec<String>,
    pub gender: Option<Gender>,
    /// Paragraphs that mention the person (0 is the title).
    pub paragraphs: Vec<usize>,
    /// Ages the text gives: (paragraph, age, byte offset in the paragraph).
    pub ages: Vec<(usize, u32, usize)>,
    /// No mention showed this is a person (no title, honorific, role, age or
    /// speech): kept for the comparison stage to attach to a person known
    /// elsewhere, dropped otherwise.
    pub weak: bool,
}

impl LocalPerson {
    pub fn surname_key(&self) -> String {
        self.full.last().map(|w| skeleton(w)).unwrap_or_default()
    }
}

/// The words of a token list, for the knowledge lookups.
fn texts<'a>(toks: &[Token<'a>]) -> Vec<&'a str> {
    toks.iter().map(|t| t.text).collect()
}

/// A capitalised word, an initial, a name particle between capitalised
/// words, or a lower-case word inside a title ("Secretary of State").
fn is_name_token(toks: &[Token], i: usize, in_title: &[bool], knowledge: &Knowledge) -> bool {
    let t = &toks[i];
    if t.kind != TokenKind::Word {
        return false;
    }
    // "Jean-Noël" and "Ji-hoon" are names; "Mum-of-two" and "Great-niece" are descriptions.
    let description = t.text.split('-').skip(1).any(|part| knowledge.is_stopword(part) || part.parse::<f64>().is_ok())
        || (t.text.contains('-') && knowledge.is_role_noun(&t.text.to_lowercase()));
    if t.is_capitalised() && description {
        return in_title[i];
    }
    if t.is_capitalised() || in_title[i] {
        return true;
    }
    knowledge.is_name_particle(t.text)
        && i + 1 < toks.len()
        && toks[i + 1].is_capitalised()
        && i > 0
        && toks[i - 1].is_capitalised()
}

/// A title phrase ending exactly at token `end` (inclusive): (start, written form, gender).
fn title_ending_at<'a>(words: &[&str], end: usize, knowledge: &'a Knowledge) -> Option<(usize, &'a str, &'a str)> {
    (1..=4.min(end + 1)).rev().find_map(|len| {
        let start = end + 1 - len;
        knowledge
            .title_at(&words[start..=end])
            .filter(|(n, _, _)| *n == len)
            .map(|(_, form, gender)| (start, form, gender))
    })
}

/// What a role is "of": a country, an organisation, a person or other words.
#[derive(Debug, Clone, PartialEq)]
enum Affiliation {
    None,
    Country(usize),
    Organisation(usize),
    Words(String),
}

/// The affiliation written in `words[start..end]` before a title:
/// "French", "US", "NATO", "Trump’s", "Russian foreign ministry". Anything
/// else (a verb, a pronoun) is no affiliation.
fn affiliation(toks: &[Token], start: usize, end: usize, knowledge: &Knowledge) -> Affiliation {
    if start >= end {
        return Affiliation::None;
    }
    let words = texts(&toks[start..end]);
    let possessive = toks[end - 1].kind == TokenKind::Possessive;
    let named = if possessive { &words[..words.len() - 1] } else { &words[..] };
    // "Mr Trump’s envoy": the affiliation is Trump.
    let named: Vec<&str> = named.iter().copied().filter(|w| knowledge.honorific(w).is_none() && *w != ".").collect();
    let named = named.as_slice();
    if named.is_empty() {
        return Affiliation::None;
    }
    if let Some((place, n)) = knowledge.place_at(named)
        && n == named.len()
    {
        return match place {
            Place::Country(i) | Place::Demonym(i) | Place::Capital(i) => Affiliation::Country(i),
            Place::Organisation(i) => Affiliation::Organisation(i),
            Place::Region(i) => Affiliation::Words(knowledge.regions[i].name.clone()),
        };
    }
    if matches!(words[0].to_lowercase().as_str(), "the" | "a" | "an") {
        return affiliation(toks, start + 1, end, knowledge);
    }
    // A proper name ("Trump’s", "White House") or a place-led body ("Russian foreign ministry").
    let proper = named.iter().all(|w| w.starts_with(char::is_uppercase));
    let place_led = knowledge.place_at(named).is_some_and(|(_, n)| n < named.len())
        && named.iter().all(|w| !knowledge.is_stopword(w));
    if !(proper || place_led) {
        return Affiliation::None;
    }
    let joined = named.iter().map(|w| capitalise(w)).collect::<Vec<_>>().join(" ");
    if possessive || proper { Affiliation::Words(joined) } else { Affiliation::Words(format!("the {joined}")) }
}

fn capitalise(word: &str) -> String {
    let mut chars = word.chars();
    match chars.next() {
        Some(first) if word.chars().all(|c| !c.is_uppercase()) => first.to_uppercase().chain(chars).collect(),
        _ => word.to_string(),
    }
}

/// "President of France", "Secretary General of NATO", "Analyst".
fn role_text(title: &str, of: &Affiliation, suffix: &str, knowledge: &Knowledge) -> String {
    let title = title.split(' ').map(capitalise).collect::<Vec<_>>().join(" ");
    let of = match of {
        Affiliation::None => String::new(),
        Affiliation::Country(i) => format!(" of {}", knowledge.country_in_text(*i)),
        Affiliation::Organisation(i) => format!(" of {}", knowledge.organisations[*i].name),
        Affiliation::Words(w) => format!(" of {w}"),
    };
    format!("{title}{of}{suffix}")
}

/// A role phrase in apposition ("the NATO secretary general", "the director
/// of the Paris office of …", "Russian Foreign Ministry"): its normalised
/// role, if it holds a title or role noun.
fn apposition_role(text: &str, toks: &[Token], start: usize, end: usize, knowledge: &Knowledge) -> Option<String> {
    let words = texts(&toks[start..end]);
    // ", according to a person familiar …", ", who said …": a clause, not an apposition.
    let lowered: Vec<String> = words.iter().take(3).map(|w| w.to_lowercase()).collect();
    let lowered: Vec<&str> = lowered.iter().map(String::as_str).collect();
    if knowledge.attribution_phrase_at(&lowered).is_some()
        || knowledge.speech_verb_at(&lowered).is_some()
        || matches!(
            lowered.first().copied(),
            Some("who" | "which" | "where" | "when" | "and" | "but" | "while" | "as" | "after" | "before")
        )
    {
        return None;
    }
    let skip = words
        .iter()
        .take_while(|w| matches!(w.to_lowercase().as_str(), "the" | "a" | "an" | "once" | "now" | "then"))
        .count();
    let former = words.get(skip).is_some_and(|w| w.eq_ignore_ascii_case("former"));
    let body = start + skip + usize::from(former);
    for i in body..end {
        if let Some((n, form, _)) = knowledge.title_at(&texts(&toks[i..end])) {
            // A title right after "of" is part of a suffix, not the head.
            let of = affiliation(toks, body, i, knowledge);
            let suffix: Vec<&str> = texts(&toks[i + n..end]);
            let suffix = if suffix.first().is_some_and(|w| matches!(*w, "of" | "for" | "at" | "with" | "to" | "in")) {
                format!(" {}", &text[toks[i + n].start..toks[end - 1].end()])
            } else if suffix.is_empty() {
                String::new()
            } else {
                continue;
            };
            let role = role_text(form, &of, &suffix, knowledge);
            return Some(if former { format!("Former {role}") } else { role });
        }
    }
    None
}

/// Finds person mentions in one paragraph's tokens.
pub fn mentions(para: usize, text: &str, toks: &[Token], knowledge: &Knowledge) -> Vec<Mention> {
    let words = texts(toks);
    // Lower-case words that belong to a multi-word title starting with a capital.
    let mut in_title = vec![false; toks.len()];
    for i in 0..toks.len() {
        if toks[i].is_capitalised()
            && let Some((n, _, _)) = knowledge.title_at(&words[i..])
            && n > 1
        {
            in_title[i..i + n].iter_mut().for_each(|t| *t = true);
        }
    }
    let mut out = Vec::new();
    let mut i = 0;
    while i < toks.len() {
        if !is_name_token(toks, i, &in_title, knowledge) {
            i += 1;
            continue;
        }
        let mut j = i;
        while j < toks.len() && is_name_token(toks, j, &in_title, knowledge) {
            j += 1;
        }
        out.extend(mention_in_run(para, text, toks, &words, i, j, knowledge));
        i = j;
    }
    // "Board members Anna Berg and Omar Haddad": names listed with a person
    // are people too.
    for m in 1..out.len() {
        let between = &toks[out[m - 1].last + 1..out[m].first];
        let listed = between.iter().any(|t| matches!(t.text, "and" | "or"))
            && between.iter().all(|t| matches!(t.text, "and" | "or" | ",") || knowledge.title_at(&[t.text]).is_some());
        // "…, and Helixmed’s former finance director": an owner, not a person listed.
        let possessive = |x: &Mention| toks.get(x.last + 1).is_some_and(|t| t.kind == TokenKind::Possessive);
        if listed && (out[m - 1].evidence || out[m].evidence) && !possessive(&out[m - 1]) && !possessive(&out[m]) {
            out[m - 1].evidence = true;
            out[m].evidence = true;
        }
    }
    out
}

/// Reads one run of capitalised words: the name is what follows the last
/// honorific or title in the run ("Provincial Health Minister Dr Sana
/// Baloch"); what precedes it gives the role. Then looks around the run for
/// more evidence: a title in lower case before it, a role in apposition
/// after it, an age, a speech verb.
fn mention_in_run(
    para: usize,
    text: &str,
    toks: &[Token],
    words: &[&str],
    i: usize,
    j: usize,
    knowledge: &Knowledge,
) -> Option<Mention> {
    let mut gender = None;
    let mut evidence = false;
    // Honorific written just before the run: "Mr. Moreau" (the period splits the run).
    if i >= 2 && toks[i - 1].text == "." && knowledge.honorific(words[i - 2]).is_some() {
        gender = knowledge.honorific(words[i - 2]).and_then(Gender::from_code);
        evidence = true;
    }
    // The name starts after the last honorific or title that leaves a name behind it.
    let mut k = i;
    let mut title: Option<(&str, usize)> = None;
    let mut x = i;
    while x + 1 < j {
        if let Some(g) = knowledge.honorific(words[x]) {
            gender = gender.or(Gender::from_code(g));
            evidence = true;
            k = x + 1;
            x += 1;
        } else if let Some((n, form, g)) = knowledge.title_at(&words[x..j]).filter(|(n, _, _)| x + n < j) {
            title = Some((form, x));
            gender = gender.or(Gender::from_code(g));
            evidence = true;
            k = x + n;
            x += n;
        } else {
            x += 1;
        }
    }
    // Without a title, drop leading places and sentence-initial function words.
    if k == i {
        while k < j {
            // A capital before a lone word is a given name: "Victoria Eze", "Florence Bell".
            let given_name = |place: &Place, n: usize| matches!(place, Place::Capital(_)) && k + n + 1 == j;
            if let Some((_, n)) = knowledge.place_at(&words[k..j]).filter(|(p, n)| k + n < j && !given_name(p, *n)) {
                k += n;
            } else if (knowledge.is_stopword(words[k]) && !(knowledge.is_given_name(words[k]) && k + 1 < j))
                || knowledge.is_affiliation_word(words[k])
            {
                k += 1;
            } else {
                break;
            }
        }
    }
    let name_words = &words[k..j];
    // "[Russian President Vladimir] Putin": an editor's insertion cuts the name in two.
    let cut = toks.get(j).is_some_and(|t| t.text == "]")
        || (i > 0 && toks[i - 1].text == "[" && toks.get(j).is_some_and(|t| t.text == "]"));
    if cut || !is_plausible_name(name_words, knowledge) {
        return None;
    }
    // What precedes the title in the run: "French", "US", "Provincial Health".
    let mut of = Affiliation::None;
    let mut written_prefix = None;
    if let Some((_, at)) = title {
        let start = (i..at)
            .find(|&s| !knowledge.is_stopword(words[s]) && knowledge.honorific(words[s]).is_none())
            .unwrap_or(at);
        match affiliation(toks, start, at, knowledge) {
            Affiliation::Words(w) if !w.starts_with("the ") && start < at => written_prefix = Some(w),
            other => of = other,
        }
        if of == Affiliation::None && written_prefix.is_none() && i >= 2 && toks[i - 1].kind == TokenKind::Possessive {
            // "Ukraine's President X", "France's Moreau".
            of = affiliation(toks, i - 2, i, knowledge);
        }
    }
    // A title in lower case just before the name: "NATO chief Mark Jansen",
    // "Trump’s special envoy Steve Brandt", "his defense minister, Sébastien Duval,".
    if title.is_none() && k == i && i > 0 && name_words.len() >= 2 {
        let comma_before = toks[i - 1].text == "," && toks.get(j).is_some_and(|t| t.text == ",");
        let end = if comma_before { i.checked_sub(2) } else { Some(i - 1) };
        if let Some((start, form, g)) = end.and_then(|e| title_ending_at(words, e, knowledge)) {
            let affiliation_start = (start.saturating_sub(4)..start)
                .find(|&s| {
                    (s..start).all(|x| toks[x].kind != TokenKind::Punct)
                        && affiliation(toks, s, start, knowledge) != Affiliation::None
                })
                .unwrap_or(start);
            of = affiliation(toks, affiliation_start, start, knowledge);
            title = Some((form, start));
            gender = gender.or(Gender::from_code(g));
            evidence = true;
        }
    }
    let mut role = title.map(|(form, _)| match &written_prefix {
        Some(prefix) => format!("{prefix} {}", form.split(' ').map(capitalise).collect::<Vec<_>>().join(" ")),
        None => role_text(form, &of, "", knowledge),
    });
    // "President Emmanuel Moreau of France".
    if let Some((form, _)) = title
        && toks.get(j).is_some_and(|t| t.text == "of")
        && let Some((Place::Country(c) | Place::Demonym(c), _)) = knowledge.place_at(&words[(j + 1).min(words.len())..])
    {
        role = Some(role_text(form, &Affiliation::Country(c), "", knowledge));
    }
    // "The FAI’s head of refereeing, Gareth Lyons,": a role in the phrase that
    // introduces the name, set off by a comma.
    if k >= 2 && toks[k - 1].text == "," && role.is_none() && j - k >= 2 {
        let open = (k.saturating_sub(8)..k - 1)
            .rev()
            .find(|&x| toks[x].kind == TokenKind::Punct)
            .map_or(k.saturating_sub(8), |x| x + 1);
        let lower: Vec<String> = words[open..k - 1].iter().map(|w| w.to_lowercase()).collect();
        let lower: Vec<&str> = lower.iter().map(String::as_str).collect();
        let role_at =
            (0..lower.len()).find(|&x| knowledge.title_at(&lower[x..]).is_some() || knowledge.is_role_noun(lower[x]));
        if let Some(x) = role_at {
            evidence = true;
            role = Some(crate::text::capitalise_first(&text[toks[open + x].start..toks[k - 2].end()]));
        }
    }
    // "71-year-old Raimo Rantanen", "a 44-year-old climber, Tomas Ruiz": an age
    // written just before the name, or in the phrase that introduces it.
    let before_name = (k.saturating_sub(5)..k).rev().take_while(|&x| x + 1 == k || toks[x].text != ",");
    let mut age_found = before_name
        .filter(|&x| toks[x].kind != TokenKind::Punct)
        .find_map(|x| age_in(&toks[x]).map(|a| (a, toks[x].start)))
        .filter(|_| k >= 1 && (age_in(&toks[k - 1]).is_some() || toks[k - 1].text == ","));
    evidence |= age_found.is_some();
    // Apposition after the name: ", the German chancellor," / ", 61," / ", a 52-year-old shopkeeper,".
    let after = if toks.get(j).is_some_and(|t| t.kind == TokenKind::Possessive) { j + 1 } else { j };
    if toks.get(after).is_some_and(|t| t.text == ",") {
        let stop = (after + 1..toks.len())
            .find(|&x| matches!(toks[x].text, "," | "." | ";" | "(" | ")" | "“" | "”" | "\"" | ":"))
            .unwrap_or(toks.len());
        // ", 38," or ", was a 67-year-old retired teacher …": the age comes early.
        let aged =
            (after + 1..stop.min(after + 6)).find_map(|x| age_in(&toks[x]).map(|a| (a, toks[x].start))).or_else(|| {
                let n = toks.get(after + 1)?.text.parse::<u32>().ok().filter(|n| (14..=110).contains(n));
                n.filter(|_| stop == after + 2).map(|n| (n, toks[after + 1].start))
            });
        age_found = age_found.or(aged);
        let age = aged.is_some();
        if stop > after + 1 && stop - after <= 14 {
            if let Some(found) = apposition_role(text, toks, after + 1, stop, knowledge) {
                role = role.or(Some(found));
                evidence = true;
            } else if age {
                evidence = true;
            } else if name_words.len() >= 2
                && matches!(toks[after + 1].text.to_lowercase().as_str(), "a" | "an")
                && stop - after <= 9
            {
                // "Gurpreet Sidhu, an owner-operator from North Delta,": a person described.
                evidence = true;
            } else if stop == toks.len() && toks[after + 1].is_capitalised() {
                // An attribution line: "Jane Roe, Ministry of Health".
                role = role.or(Some(text[toks[after + 1].start..toks[stop - 1].end()].to_string()));
                evidence = true;
            }
        }
    }
    // Speech verbs on either side: "said Martin Marchal", "Vogel said".
    let verb_after = knowledge.speech_verb_at(&words[after.min(words.len())..]).is_some();
    let verb_before = i > 0 && knowledge.speech_verb_at(&words[i - 1..]).is_some_and(|(n, _)| n == 1);
    evidence |= name_words.len() >= 2 && (verb_after || verb_before);
    let parts = join_particles(name_words, knowledge);
    Some(Mention {
        para,
        first: k,
        last: j - 1,
        name: name_words.join(" "),
        parts,
        gender,
        evidence,
        role,
        age: age_found,
    })
}

/// A given name written with a hyphen, its second part in lower case: "Ji-hoon".
fn hyphenated_given_name(word: &str) -> bool {
    word.split('-').nth(1).is_some_and(|p| p.starts_with(char::is_lowercase))
}

/// The age in "52-year-old".
fn age_in(tok: &Token) -> Option<u32> {
    let (number, rest) = tok.text.split_once('-')?;
    (rest == "year-old" || rest == "years-old").then(|| number.parse().ok()).flatten().filter(|n| (1..=120).contains(n))
}

/// Rules out capitalised runs that are not names: places, organisations,
/// titles, months, acronyms, and sequences ending in "Square", "Fund"…
fn is_plausible_name(words: &[&str], knowledge: &Knowledge) -> bool {
    if words.is_empty() || words.len() > 4 || (words.len() == 1 && knowledge.is_generational_suffix(words[0])) {
        return false;
    }
    // "Bill Roe", "Will Roe", "Ben Roe": a common given name opens a name, though
    // the word may also be a noun, a modal verb or a name particle.
    let given = words.len() >= 2 && knowledge.is_given_name(words[0]);
    if knowledge.place_at(words).is_some_and(|(_, n)| n == words.len()) {
        return false;
    }
    let last = words[words.len() - 1];
    // "Ministry of Foreign Affairs", "Daily Frontier" open with their head;
    // "Park Ji-hoon" is a person (a given name written with a hyphen).
    // "Park Ji-hoon" and "Ji-hoon Park" are people (a given name written with a hyphen).
    let east_asian = words.len() == 2 && (hyphenated_given_name(words[0]) || hyphenated_given_name(words[1]));
    // "Iowa Republican", "Presumptive Republican": a description, not a name.
    if knowledge.is_affiliation_word(last) {
        return false;
    }
    if !east_asian && (knowledge.is_non_person_head(last) || (!given && knowledge.is_non_person_head(words[0]))) {
        return false;
    }
    // "Le Courrier", "El País": a name does not open with an article-like
    // particle, though a surname may ("Ó Briain", "Mac Giolla").
    let lower = words[0].to_lowercase();
    if words.len() > 1 && !given && knowledge.is_name_particle(&lower) && !knowledge.opens_surname(&lower) {
        return false;
    }
    // A single letter is an initial or a symbol ("X", the network), never a name.
    if words.len() == 1 && words[0].chars().filter(|c| c.is_alphabetic()).count() < 2 {
        return false;
    }
    words.iter().enumerate().all(|(n, w)| {
        if n == 0 && given {
            return true;
        }
        let letters = w.chars().filter(|c| c.is_alphabetic()).count();
        let shouting = letters >= 2 && w.chars().all(|c| !c.is_lowercase());
        !shouting
            && knowledge.month(w).is_none()
            && knowledge.weekday(w).is_none()
            && knowledge.title_at(&[w]).is_none()
            && knowledge.place_at(&[w]).is_none_or(|(p, _)| matches!(p, Place::Capital(_)))
            && !knowledge.is_stopword(w)
    }) && words.iter().any(|w| !is_initial(w))
}

/// Groups a source's mentions into the people it knows. Full names make
/// people; a surname alone joins the person it names (when two share it, the
/// one the text has named most so far: a wife introduced in passing does not
/// take over her husband's surname); a lone word with no evidence stays weak.
pub fn group(mentions: &[Mention], knowledge: &Knowledge) -> (Vec<LocalPerson>, Vec<Option<usize>>) {
    let mut people: Vec<LocalPerson> = Vec::new();
    let mut owner: Vec<Option<usize>> = vec![None; mentions.len()];
    // Position of each person's latest mention and how often they were named.
    let mut last_seen: Vec<usize> = Vec::new();
    let mut named: Vec<usize> = Vec::new();
    let mut deferred = Vec::new();
    for (m, mention) in mentions.iter().enumerate() {
        let words = name_words(mention);
        let found = if words.len() >= 2 {
            people
                .iter()
                .position(|p| p.full.len() >= 2 && same_full_name(&p.full, &words, p.gender, mention.gender, knowledge))
        } else {
            find_by_single_word(&people, &named, &last_seen, words[0], mention.gender, knowledge)
        };
        match found {
            Some(index) => attach(&mut people[index], mention, &words),
            // A full name makes a person; it stays weak until some mention shows
            // it is a person (headlines capitalise every word: "Europe Aims").
            None if words.len() >= 2 || mention.evidence => {
                people.push(new_person(&words, !mention.evidence));
                last_seen.push(0);
                named.push(0);
                attach(people.last_mut().expect("just pushed"), mention, &words);
            }
            None => {
                deferred.push(m);
                continue;
            }
        }
        let index = found.unwrap_or(people.len() - 1);
        last_seen[index] = m + 1;
        named[index] += 1;
        owner[m] = Some(index);
    }
    // A lone word seen before its full name ("Moreau" in a headline) joins it now.
    for m in deferred {
        let mention = &mentions[m];
        let words = name_words(mention);
        let index = match find_by_single_word(&people, &named, &last_seen, words[0], mention.gender, knowledge) {
            Some(index) => index,
            None => {
                people.push(new_person(&words, true));
                last_seen.push(0);
                named.push(0);
                people.len() - 1
            }
        };
        attach(&mut people[index], mention, &words);
        owner[m] = Some(index);
    }
    for person in &mut people {
        person.paragraphs.sort_unstable();
    }
    (people, owner)
}

fn new_person(words: &[&str], weak: bool) -> LocalPerson {
    LocalPerson {
        forms: Vec::new(),
        full: words.iter().map(|w| w.to_string()).collect(),
        roles: Vec::new(),
        gender: None,
        paragraphs: Vec::new(),
        ages: Vec::new(),
        weak,
    }
}

fn attach(person: &mut LocalPerson, mention: &Mention, words: &[&str]) {
    if words.len() > person.full.len() {
        person.full = words.iter().map(|w| w.to_string()).collect();
    }
    person.weak &= !mention.evidence;
    if !person.forms.contains(&mention.name) {
        person.forms.push(mention.name.clone());
    }
    if let Some(role) = &mention.role
        && !person.roles.contains(role)
    {
        person.roles.push(role.clone());
    }
    person.gender = person.gender.or(mention.gender);
    if !person.paragraphs.contains(&mention.para) {
        person.paragraphs.push(mention.para);
    }
    if let Some((age, offset)) = mention.age {
        person.ages.push((mention.para, age, offset));
    }
}

/// The words of a mention's name without initials ("Vladimir V. Putin" → Vladimir, Putin).
fn name_words(mention: &Mention) -> Vec<&str> {
    let words: Vec<&str> = mention.parts.iter().map(String::as_str).filter(|w| !is_initial(w)).collect();
    if words.is_empty() { mention.parts.iter().map(String::as_str).collect() } else { words }
}

/// Name words with each particle joined to the word after it: a surname
/// written with its particle is one word, alone or after a given name.
fn join_particles(words: &[&str], knowledge: &Knowledge) -> Vec<String> {
    let mut out: Vec<String> = Vec::new();
    let mut pending = String::new();
    for (n, word) in words.iter().enumerate() {
        // "Robert Roe Jr.": the suffix belongs to the surname, so that father and son stay two people.
        if n >= 2
            && knowledge.is_generational_suffix(word)
            && let Some(last) = out.last_mut()
        {
            last.push(' ');
            last.push_str(word);
            continue;
        }
        if n + 1 < words.len() && knowledge.is_name_particle(&word.to_lowercase()) {
            pending.push_str(word);
            pending.push(' ');
            continue;
        }
        out.push(format!("{pending}{word}"));
        pending.clear();
    }
    out
}

fn genders_agree(a: Option<Gender>, b: Option<Gender>) -> bool {
    a.is_none() || b.is_none() || a == b
}

/// Two full names of one person: same surname skeleton, compatible given names.
pub fn same_full_name(a: &[String], b: &[&str], ga: Option<Gender>, gb: Option<Gender>, knowledge: &Knowledge) -> bool {
    // "Park Ji-hoon" and "Ji-hoon Park": a hyphenated given name written before or after the family name.
    if a.len() == 2 && b.len() == 2 && (hyphenated_given_name(&a[0]) || hyphenated_given_name(&a[1])) {
        let reversed = skeleton(&a[0]) == skeleton(b[1]) && skeleton(&a[1]) == skeleton(b[0]);
        if reversed && genders_agree(ga, gb) {
            return true;
        }
    }
    let (Some(a_last), Some(b_last)) = (a.last(), b.last()) else { return false };
    skeleton(a_last) == skeleton(b_last)
        && (given_names_compatible(&a[0], b[0]) || knowledge.same_given_name(&a[0], b[0]))
        && genders_agree(ga, gb)
}

/// A surname without the generational suffix joined to it ("Roe Jr." → "Roe").
pub fn bare_surname<'w>(word: &'w str, knowledge: &Knowledge) -> &'w str {
    match word.rsplit_once(' ') {
        Some((bare, suffix)) if knowledge.is_generational_suffix(suffix) => bare,
        _ => word,
    }
}

/// The person a single word names: by surname (most named, then most recent
/// first), else by first word (family name first: "Xi" for "Xi Jinping").
fn find_by_single_word(
    people: &[LocalPerson],
    named: &[usize],
    last_seen: &[usize],
    word: &str,
    gender: Option<Gender>,
    knowledge: &Knowledge,
) -> Option<usize> {
    let key = skeleton(word);
    // "Ms Silva" prefers the Silva known to be a woman over one of unknown gender.
    let best = |matches: &dyn Fn(&LocalPerson) -> bool| {
        (0..people.len())
            .filter(|&p| matches(&people[p]) && genders_agree(people[p].gender, gender))
            .max_by_key(|&p| (gender.is_some() && people[p].gender == gender, named[p], last_seen[p]))
    };
    best(&|p| p.full.last().is_some_and(|w| skeleton(bare_surname(w, knowledge)) == key))
        .or_else(|| best(&|p| p.full.len() >= 2 && !p.weak && skeleton(&p.full[0]) == key))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::text::tokens;

    fn knowledge() -> Knowledge {
        Knowledge::load(None).unwrap()
    }

    fn found(text: &str, k: &Knowledge) -> Vec<(String, Option<String>, bool)> {
        mentions(1, text, &tokens(text), k).into_iter().map(|m| (m.name, m.role, m.evidence)).collect()
    }

    #[test]
    fn titles_places_and_appositions_give_roles() {
        let k = knowledge();
        assert_eq!(
            found("French President Emmanuel Moreau spoke.", &k),
            [("Emmanuel Moreau".into(), Some("President of France".into()), true)]
        );
        assert_eq!(
            found("UK Prime Minister Keir Hartley spoke.", &k)[0].1.as_deref(),
            Some("Prime Minister of the United Kingdom")
        );
        assert_eq!(found("NATO chief Mark Jansen shot back.", &k)[0].1.as_deref(), Some("Chief of NATO"));
        assert_eq!(
            found("“No,” Mark Jansen, the NATO secretary general, said.", &k)[0].1.as_deref(),
            Some("Secretary General of NATO")
        );
        assert_eq!(
            found("Mr. Vogel, the German chancellor, said this week.", &k)[0].1.as_deref(),
            Some("Chancellor of Germany")
        );
        assert_eq!(
            found("President Vladimir V. Putin of Russia met him.", &k)[0].1.as_deref(),
            Some("President of Russia")
        );
        assert_eq!(
            found("Ukraine's President Volodymyr Kovalenkoo arrived.", &k)[0].1.as_deref(),
            Some("President of Ukraine")
        );
        let duval = found("while his defense minister, Sébastien Duval, said so.", &k);
        assert_eq!(duval[0].0, "Sébastien Duval");
        assert!(duval[0].2);
    }

    #[test]
    fn non_names_are_not_people() {
        let k = knowledge();
        assert!(found("They met in Tiananmen Square and at the Black Sea.", &k).is_empty());
        assert!(found("Key Takeaways", &k).iter().all(|(_, _, evidence)| !evidence));
        assert!(found("The Paris summit on Thursday.", &k).is_empty());
    }

    #[test]
    fn surnames_join_their_person_and_namesakes_stay_apart() {
        let k = knowledge();
        let text = [
            "President Donald Trump spoke.",
            "First Lady Melania Trump waved.",
            "Mr. Trump left.",
            "Trump later returned.",
        ];
        let all: Vec<Mention> = text.iter().enumerate().flat_map(|(p, t)| mentions(p, t, &tokens(t), &k)).collect();
        let (people, owner) = group(&all, &k);
        let strong: Vec<&LocalPerson> = people.iter().filter(|p| !p.weak).collect();
        assert_eq!(strong.len(), 2, "{people:?}");
        // "Mr. Trump" is male, so not the First Lady; the last "Trump" is the latest Trump mentioned.
        assert_eq!(people[owner[2].unwrap()].full, ["Donald", "Trump"]);
        assert_eq!(people[owner[3].unwrap()].full, ["Donald", "Trump"]);
    }
}
