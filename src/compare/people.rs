//! Merges the people each source knows into one who's-who: spellings of one
//! name (Kovalenko, Kovalenkoo, Kovalenka) become one person; namesakes with
//! different given names stay apart; a surname alone joins the person it
//! names. Lookups go through an index on surname skeletons, never all pairs.

use std::collections::{BTreeMap, BTreeSet, HashMap};

use crate::extract::people::same_full_name;
use crate::extract::{Findings, Gender, LocalPerson};
use crate::knowledge::Knowledge;
use crate::model::{Citation, Person, RemovalReason, Source};
use crate::text::names::{given_names_compatible, is_initial, skeleton};
use crate::text::{fold, tokens};

/// A person being assembled from several sources.
#[derive(Debug, Default)]
struct Global {
    /// Name form → sources using it.
    forms: BTreeMap<String, BTreeSet<usize>>,
    /// The fullest name, word by word (initials dropped).
    full: Vec<String>,
    roles: Vec<String>,
    gender: Option<Gender>,
    mentions: Vec<(usize, usize)>,
    /// The distinct sources of `mentions`, kept as they grow: counted for every lone surname.
    sources: BTreeSet<usize>,
}

/// Where each source's local people went: `map[source][local] = global index`.
pub type PersonMap = Vec<Vec<Option<usize>>>;

/// The merged people, and where each local person went.
pub struct Merged {
    pub people: Vec<Person>,
    pub map: PersonMap,
}

fn words_of(local: &LocalPerson) -> Vec<&str> {
    let words: Vec<&str> = local.full.iter().map(String::as_str).filter(|w| !is_initial(w)).collect();
    if words.is_empty() { local.full.iter().map(String::as_str).collect() } else { words }
}

fn genders_agree(a: Option<Gender>, b: Option<Gender>) -> bool {
    a.is_none() || b.is_none() || a == b
}

/// Merges all sources' people.
pub fn merge(sources: &[Source], findings: &[Findings], knowledge: &Knowledge) -> Merged {
    let mut globals: Vec<Global> = Vec::new();
    // Surname skeleton → globals with that surname; first-name skeleton for family-name-first references.
    let mut by_surname: HashMap<String, Vec<usize>> = HashMap::new();
    let mut by_first: HashMap<String, Vec<usize>> = HashMap::new();
    let mut map: PersonMap = findings.iter().map(|f| vec![None; f.people.len()]).collect();

    // Full names first, so that lone surnames find them whatever the source order.
    for pass in 0..3 {
        for (s, found) in findings.iter().enumerate() {
            for (l, local) in found.people.iter().enumerate() {
                let words = words_of(local);
                let full = words.len() >= 2;
                let wanted = match pass {
                    0 => full && !local.weak,
                    1 => !full && !local.weak,
                    _ => local.weak,
                };
                if !wanted {
                    continue;
                }
                let target = if full {
                    let key = skeleton(words[words.len() - 1]);
                    by_surname
                        .get(&key)
                        .and_then(|candidates| {
                            candidates.iter().copied().find(|&g| {
                                globals[g].full.len() >= 2
                                    && (given_names_compatible(&globals[g].full[0], words[0])
                                        || knowledge.same_given_name(&globals[g].full[0], words[0]))
                                    && genders_agree(globals[g].gender, local.gender)
                            })
                        })
                        // "Ji-hoon Park" after "Park Ji-hoon": the family name written last.
                        .or_else(|| {
                            by_surname.get(&skeleton(words[0])).and_then(|candidates| {
                                candidates.iter().copied().find(|&g| {
                                    same_full_name(&globals[g].full, &words, globals[g].gender, local.gender, knowledge)
                                })
                            })
                        })
                } else {
                    single_word_target(&globals, &by_surname, &by_first, words[0], local.gender)
                };
                let g = match target {
                    Some(g) => g,
                    None if pass == 2 => continue,
                    None => {
                        globals.push(Global::default());
                        globals.len() - 1
                    }
                };
                absorb(&mut globals[g], local, s);
                if globals[g].full.len() < words.len() || globals[g].full.is_empty() {
                    globals[g].full = words.iter().map(|w| w.to_string()).collect();
                }
                let surname = skeleton(&globals[g].full[globals[g].full.len() - 1]);
                let list = by_surname.entry(surname).or_default();
                if !list.contains(&g) {
                    list.push(g);
                }
                if globals[g].full.len() >= 2 {
                    let list = by_first.entry(skeleton(&globals[g].full[0])).or_default();
                    if !list.contains(&g) {
                        list.push(g);
                    }
                }
                map[s][l] = Some(g);
            }
        }
    }
    add_caption_spellings(&mut globals, sources, &by_surname, knowledge);
    finish(globals, map, sources, knowledge)
}

/// The person a lone surname (or family-name-first word) refers to: the one
/// of that name, of agreeing gender, mentioned by most sources.
fn single_word_target(
    globals: &[Global],
    by_surname: &HashMap<String, Vec<usize>>,
    by_first: &HashMap<String, Vec<usize>>,
    word: &str,
    gender: Option<Gender>,
) -> Option<usize> {
    let key = skeleton(word);
    let pick = |candidates: Option<&Vec<usize>>| {
        candidates?.iter().copied().filter(|&g| genders_agree(globals[g].gender, gender)).max_by_key(|&g| {
            (gender.is_some() && globals[g].gender == gender, globals[g].sources.len(), std::cmp::Reverse(g))
        })
    };
    pick(by_surname.get(&key)).or_else(|| pick(by_first.get(&key)).filter(|&g| globals[g].full.len() >= 2))
}

fn absorb(global: &mut Global, local: &LocalPerson, source: usize) {
    for form in &local.forms {
        global.forms.entry(form.clone()).or_default().insert(source);
    }
    for role in &local.roles {
        if !global.roles.iter().any(|r| fold(r) == fold(role)) {
            global.roles.push(role.clone());
        }
    }
    global.gender = global.gender.or(local.gender);
    global.mentions.extend(local.paragraphs.iter().map(|&p| (source, p)));
    if !local.paragraphs.is_empty() {
        global.sources.insert(source);
    }
}

/// Spellings seen only in removed photo captions are still spellings outlets
/// used ("Volodymyr Kovalenka"); they become aliases, not mentions.
fn add_caption_spellings(
    globals: &mut [Global],
    sources: &[Source],
    by_surname: &HashMap<String, Vec<usize>>,
    knowledge: &Knowledge,
) {
    for source in sources {
        for removed in source.removed.iter().filter(|r| r.reason == RemovalReason::Caption) {
            let toks = tokens(&removed.text);
            for mention in crate::extract::people::mentions(0, &removed.text, &toks, knowledge) {
                let words: Vec<&str> = mention.name.split(' ').filter(|w| !is_initial(w)).collect();
                if words.len() < 2 {
                    continue;
                }
                let found = by_surname.get(&skeleton(words[words.len() - 1])).and_then(|candidates| {
                    candidates
                        .iter()
                        .copied()
                        .find(|&g| globals[g].full.len() >= 2 && given_names_compatible(&globals[g].full[0], words[0]))
                });
                if let Some(g) = found {
                    globals[g].forms.entry(mention.name.clone()).or_default();
                }
            }
        }
    }
}

/// Chooses names, ids and orders the people.
fn finish(globals: Vec<Global>, map: PersonMap, sources: &[Source], knowledge: &Knowledge) -> Merged {
    let outlet_keys: Vec<String> = sources.iter().map(crate::outlets::key).collect();
    // Source order by id, looked up rather than searched: people are mentioned in thousands of sources.
    let mut source_position: HashMap<&str, usize> = HashMap::new();
    for (i, source) in sources.iter().enumerate() {
        source_position.entry(source.id.as_str()).or_insert(i);
    }
    let mut built: Vec<(Person, usize)> = globals
        .into_iter()
        .enumerate()
        .map(|(index, g)| {
            let name = canonical_name(&g, knowledge);
            let mut aliases: Vec<String> = g.forms.keys().filter(|f| **f != name).cloned().collect();
            aliases.sort_by_key(|a| (std::cmp::Reverse(a.split(' ').count()), fold(a)));
            let mut mentions: Vec<Citation> =
                g.mentions.iter().map(|&(s, p)| Citation { source: sources[s].id.clone(), paragraph: p }).collect();
            mentions.sort_by_key(|c| (source_position.get(c.source.as_str()).copied(), c.paragraph));
            mentions.dedup();
            let mut outlets: Vec<&String> = g.mentions.iter().map(|(s, _)| &outlet_keys[*s]).collect();
            outlets.sort_unstable();
            outlets.dedup();
            let person = Person {
                id: String::new(),
                name,
                aliases,
                roles: tidy_roles(g.roles),
                mentions,
                outlets: outlets.len(),
                quote_count: 0,
            };
            (person, index)
        })
        .collect();
    // Affiliations naming a person read better with the full name: "Special Envoy of Donald Trump".
    let names: Vec<(Vec<String>, String)> = built
        .iter()
        .map(|(p, _)| (p.aliases.iter().chain(std::iter::once(&p.name)).cloned().collect(), p.name.clone()))
        .collect();
    for (person, _) in &mut built {
        for role in &mut person.roles {
            if let Some((head, of)) = role.rsplit_once(" of ")
                && let Some((_, full)) = names.iter().find(|(forms, full)| forms.iter().any(|f| f == of) && full != of)
            {
                *role = format!("{head} of {full}");
            }
        }
    }
    built.sort_by(|(a, ai), (b, bi)| {
        b.outlets
            .cmp(&a.outlets)
            .then(b.mentions.len().cmp(&a.mentions.len()))
            .then(fold(&a.name).cmp(&fold(&b.name)))
            .then(ai.cmp(bi))
    });
    let mut position = vec![0; built.len()];
    let mut used: HashMap<String, usize> = HashMap::new();
    let mut people = Vec::with_capacity(built.len());
    for (rank, (mut person, index)) in built.into_iter().enumerate() {
        let slug = slug(&person.name);
        let n = used.entry(slug.clone()).or_insert(0);
        *n += 1;
        person.id = if *n == 1 { slug } else { format!("{slug}-{n}") };
        position[index] = rank;
        people.push(person);
    }
    let map = map.into_iter().map(|locals| locals.into_iter().map(|g| g.map(|g| position[g])).collect()).collect();
    Merged { people, map }
}

/// The full-name form most outlets use; a lone surname only if nothing fuller exists.
fn canonical_name(global: &Global, knowledge: &Knowledge) -> String {
    // "Ó Briain" is one word: a particle belongs to the surname after it.
    let words =
        |f: &str| f.split(' ').filter(|w| !is_initial(w) && !knowledge.is_name_particle(&w.to_lowercase())).count();
    let best = |forms: &mut dyn Iterator<Item = (&String, &BTreeSet<usize>)>| {
        forms
            .max_by(|(a, ua), (b, ub)| {
                ua.len()
                    .cmp(&ub.len())
                    .then(a.split(' ').count().cmp(&b.split(' ').count()).reverse())
                    .then(diacritics(a).cmp(&diacritics(b)))
                    .then(b.cmp(a))
            })
            .map(|(f, _)| f.clone())
    };
    let mut full = global.forms.iter().filter(|(f, users)| words(f) >= 2 && !users.is_empty());
    best(&mut full)
        .or_else(|| best(&mut global.forms.iter().filter(|(_, users)| !users.is_empty())))
        .unwrap_or_else(|| global.full.join(" "))
}

fn diacritics(text: &str) -> usize {
    text.chars().filter(|c| !c.is_ascii()).count()
}

/// Roles without duplicates, the vaguer of two related ones dropped
/// ("President" when "President of France" is known).
fn tidy_roles(roles: Vec<String>) -> Vec<String> {
    let folded: Vec<String> = roles.iter().map(|r| fold(r)).collect();
    roles
        .iter()
        .enumerate()
        .filter(|(i, _)| {
            let me = &folded[*i];
            !folded
                .iter()
                .enumerate()
                .any(|(j, other)| j != *i && other.len() > me.len() && other.starts_with(&format!("{me} of ")))
        })
        .map(|(_, r)| r.clone())
        .collect()
}

/// "Sébastien Duval" → "sebastien-duval".
pub fn slug(text: &str) -> String {
    let folded = fold(text);
    let mut out = String::new();
    for c in folded.chars() {
        if c.is_ascii_alphanumeric() {
            out.push(c);
        } else if !out.ends_with('-') && !out.is_empty() {
            out.push('-');
        }
    }
    let out = out.trim_end_matches('-').to_string();
    if out.is_empty() { "item".to_string() } else { out }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn slugs() {
        assert_eq!(slug("Sébastien Duval"), "sebastien-duval");
        assert_eq!(slug("Kim Jong Un"), "kim-jong-un");
        assert_eq!(slug("???"), "item");
    }

    #[test]
    fn vaguer_roles_give_way() {
        let roles = vec!["President".to_string(), "President of France".to_string(), "Analyst".to_string()];
        assert_eq!(tidy_roles(roles), ["President of France", "Analyst"]);
    }
}
