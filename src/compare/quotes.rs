//! Merges quotations across sources: the same words from the same speaker,
//! however each outlet cut or translated them, become one quotation with one
//! occurrence per place it appears, each keeping its own exact words. Also
//! gathers the quoted terms into a glossary. Candidate matches come from an
//! index on rare words, so the work grows with the number of quotations, not
//! its square.

use std::collections::{BTreeMap, BTreeSet, HashMap, HashSet};

use super::people::PersonMap;
use crate::extract::{Findings, Speaker};
use crate::knowledge::Knowledge;
use crate::model::{Person, Quote, QuoteContinuation, QuoteOccurrence, Source, Term, TermUse};
use crate::text::{fold, same_word_start, words};

/// Who said it, comparable across sources.
#[derive(Debug, Clone, PartialEq, Eq, Hash, PartialOrd, Ord)]
enum Who {
    Person(usize),
    Named(String),
    Unknown,
}

struct Occurrence {
    source: usize,
    paragraph: usize,
    text: String,
    partial: bool,
    continued: Vec<(usize, String)>,
    wording: Wording,
}

struct Cluster {
    who: Who,
    /// The speaker as the first source named them, for `speaker_name`.
    named: Option<String>,
    occurrences: Vec<Occurrence>,
    /// (source, paragraph) of the occurrences, and each distinct word
    /// sequence once (its id, and an occurrence with it): a quotation
    /// thousands of articles carry is compared with its few wordings, not
    /// every copy.
    places: HashSet<(usize, usize)>,
    wordings: BTreeMap<u32, usize>,
}

impl Cluster {
    fn new(who: Who, named: Option<String>) -> Cluster {
        Cluster { who, named, occurrences: Vec::new(), places: HashSet::new(), wordings: BTreeMap::new() }
    }

    fn push(&mut self, occurrence: Occurrence, wording_id: u32) {
        self.places.insert((occurrence.source, occurrence.paragraph));
        let next = self.occurrences.len();
        self.wordings.entry(wording_id).or_insert(next);
        self.occurrences.push(occurrence);
    }
}

/// A wording as compared: its words in order, and those that carry content.
struct Wording {
    sequence: Vec<String>,
    content: BTreeSet<String>,
}

fn wording(text: &str, knowledge: &Knowledge) -> Wording {
    // Stems, so that "I leave" and "I am leaving" share their verb.
    let stemmer = rust_stemmers::Stemmer::create(rust_stemmers::Algorithm::English);
    let sequence: Vec<String> = words(&fold(text)).into_iter().map(|w| stemmer.stem(w).to_string()).collect();
    let content = sequence.iter().filter(|w| !knowledge.is_stopword(w)).cloned().collect();
    Wording { sequence, content }
}

/// Length of the longest common subsequence of two word sequences.
fn common_subsequence(a: &[String], b: &[String]) -> usize {
    let mut row = vec![0usize; b.len() + 1];
    for x in a {
        let mut diagonal = 0;
        for (j, y) in b.iter().enumerate() {
            let above = row[j + 1];
            row[j + 1] = if same_word_start(x, y) { diagonal + 1 } else { row[j + 1].max(row[j]) };
            diagonal = above;
        }
    }
    row[b.len()]
}

/// Two wordings are one quotation when the shorter one's words, in order,
/// are mostly found in the longer: a cut ("Not for them to decide" in "It’s
/// not for them to decide") or a close translation ("ready to talk, but not
/// to surrender" / "prepared to talk but not to capitulate"). Different
/// sentences on one theme share words but not their order.
fn same_words(a: &Wording, b: &Wording) -> bool {
    let shorter = a.sequence.len().min(b.sequence.len());
    shorter >= 3
        && a.content.iter().any(|x| b.content.iter().any(|y| same_word_start(x, y)))
        && common_subsequence(&a.sequence, &b.sequence) * 4 >= shorter * 3
}

/// The most clusters a quotation is compared with.
const MAX_CANDIDATE_CLUSTERS: usize = 256;

/// Merges every source's quotations.
pub fn merge(
    sources: &[Source],
    findings: &[Findings],
    map: &PersonMap,
    people: &[Person],
    knowledge: &Knowledge,
) -> Vec<Quote> {
    let mut clusters: Vec<Cluster> = Vec::new();
    let mut index: HashMap<String, Vec<usize>> = HashMap::new();
    // Word sequences by id, and the answers of `same_words` for pairs of them:
    // wire copy repeats the same wordings thousands of times. Only wordings
    // seen before are remembered, so that unique quotations cost no memory.
    let mut sequence_ids: HashMap<Vec<String>, u32> = HashMap::new();
    let mut alike_wordings: HashMap<(u32, u32), bool> = HashMap::new();
    for (s, found) in findings.iter().enumerate() {
        for quote in &found.quotes {
            let (who, named) = match &quote.speaker {
                Speaker::Person(local) => match map[s][*local] {
                    Some(g) => (Who::Person(g), None),
                    None => (Who::Unknown, None),
                },
                Speaker::Named(name) => (Who::Named(fold(name)), Some(name.clone())),
                Speaker::Unknown => (Who::Unknown, None),
            };
            let set = wording(&quote.text, knowledge);
            let next_id = sequence_ids.len() as u32;
            let repeated = sequence_ids.contains_key(&set.sequence);
            let set_id = *sequence_ids.entry(set.sequence.clone()).or_insert(next_id);
            // Keys are word beginnings, so "form" finds "format".
            let mut keys: Vec<String> =
                set.content.iter().filter(|w| w.chars().count() >= 4).map(|w| w.chars().take(4).collect()).collect();
            keys.sort_unstable();
            keys.dedup();
            let mut candidates: Vec<usize> = keys
                .iter()
                .filter_map(|k| index.get(k))
                .flat_map(|clusters| clusters.iter().take(MAX_CANDIDATE_CLUSTERS))
                .copied()
                .collect();
            candidates.sort_unstable();
            candidates.dedup();
            // One paragraph repeating a quotation thousands of times (a
            // transcript) makes as many clusters, all sharing its words: the
            // earliest few are enough to find the quotation's cluster.
            candidates.truncate(MAX_CANDIDATE_CLUSTERS);
            let target = candidates.into_iter().find(|&c| {
                let cluster = &clusters[c];
                let speakers_fit = cluster.who == who || cluster.who == Who::Unknown || who == Who::Unknown;
                // Two quotations in one paragraph are two quotations, however alike.
                let same_place = || cluster.places.contains(&(s, quote.paragraph));
                speakers_fit
                    && !same_place()
                    && cluster.wordings.iter().any(|(&id, &o)| {
                        let compare = || same_words(&cluster.occurrences[o].wording, &set);
                        if repeated { *alike_wordings.entry((id, set_id)).or_insert_with(compare) } else { compare() }
                    })
            });
            let occurrence = Occurrence {
                source: s,
                paragraph: quote.paragraph,
                text: quote.text.clone(),
                partial: quote.partial,
                continued: quote.continued.clone(),
                wording: set,
            };
            let c = match target {
                Some(c) => {
                    let cluster = &mut clusters[c];
                    if cluster.who == Who::Unknown {
                        cluster.who = who;
                        cluster.named = cluster.named.take().or(named);
                    }
                    cluster.push(occurrence, set_id);
                    c
                }
                None => {
                    let mut cluster = Cluster::new(who, named);
                    cluster.push(occurrence, set_id);
                    clusters.push(cluster);
                    clusters.len() - 1
                }
            };
            for key in keys {
                let list = index.entry(key).or_default();
                if list.last() != Some(&c) {
                    list.push(c);
                }
            }
        }
    }
    let outlet_keys: Vec<String> = sources.iter().map(crate::outlets::key).collect();
    let mut quotes: Vec<(usize, (usize, usize), Quote)> = clusters
        .into_iter()
        .map(|mut cluster| {
            cluster.occurrences.sort_by_key(|o| (o.source, o.paragraph));
            let canonical = cluster
                .occurrences
                .iter()
                .max_by_key(|o| (!o.partial, o.wording.sequence.len(), std::cmp::Reverse((o.source, o.paragraph))))
                .map(|o| o.text.clone())
                .unwrap_or_default();
            let mut wordings: Vec<String> = cluster
                .occurrences
                .iter()
                .map(|o| fold(o.text.trim_end_matches([',', '.', ';', ':', '!', '?', ' '])))
                .collect();
            wordings.sort_unstable();
            wordings.dedup();
            let mut outlets: Vec<&String> = cluster.occurrences.iter().map(|o| &outlet_keys[o.source]).collect();
            outlets.sort_unstable();
            outlets.dedup();
            let first = (cluster.occurrences[0].source, cluster.occurrences[0].paragraph);
            let (speaker, speaker_name) = match &cluster.who {
                Who::Person(g) => (Some(people[*g].id.clone()), Some(people[*g].name.clone())),
                Who::Named(_) => (None, cluster.named.clone()),
                Who::Unknown => (None, None),
            };
            let id = format!("q-{:08x}", short_hash(&format!("{:?}|{}", cluster.who, fold(&canonical))));
            let quote = Quote {
                id,
                speaker,
                speaker_name,
                text: canonical,
                wordings_differ: wordings_differ(&wordings),
                occurrences: cluster
                    .occurrences
                    .into_iter()
                    .map(|o| QuoteOccurrence {
                        source: sources[o.source].id.clone(),
                        paragraph: o.paragraph,
                        text: o.text,
                        partial: o.partial,
                        continued: o
                            .continued
                            .into_iter()
                            .map(|(paragraph, text)| QuoteContinuation { paragraph, text })
                            .collect(),
                    })
                    .collect(),
            };
            (outlets.len(), first, quote)
        })
        .collect();
    quotes.sort_by(|a, b| b.0.cmp(&a.0).then(a.1.cmp(&b.1)));
    let mut quotes: Vec<Quote> = quotes.into_iter().map(|(_, _, q)| q).collect();
    dedupe_ids(&mut quotes);
    quotes
}

/// Whether outlets changed the words of a quotation, not only where they
/// cut it: a shorter excerpt of the same words (or excerpts joined by an
/// ellipsis) is the same wording; so are differences of case, punctuation,
/// quotation marks and British or American spelling. A word changed inside
/// the words both give is a different wording. Wire copy repeats one wording
/// many times, so only the first few distinct wordings are compared.
fn wordings_differ(folded: &[String]) -> bool {
    let keyed: Vec<Vec<Vec<String>>> = folded.iter().take(12).map(|w| fragments(w)).collect();
    keyed.iter().enumerate().any(|(i, a)| {
        keyed[i + 1..].iter().any(|b| {
            let (short, long) =
                if a.iter().map(Vec::len).sum::<usize>() <= b.iter().map(Vec::len).sum() { (a, b) } else { (b, a) };
            !is_excerpt(short, &long.concat())
        })
    })
}

/// The words of a folded wording, in the pieces an ellipsis separates.
fn fragments(folded: &str) -> Vec<Vec<String>> {
    folded
        .split(['…'])
        .flat_map(|piece| piece.split("..."))
        .map(|piece| words(piece).into_iter().map(spelling_key).collect::<Vec<String>>())
        .filter(|words| !words.is_empty())
        .collect()
}

/// Whether each fragment stands, word for word and in order, in `long`.
fn is_excerpt(fragments: &[Vec<String>], long: &[String]) -> bool {
    let mut from = 0;
    fragments.iter().all(|fragment| {
        match long[from.min(long.len())..].windows(fragment.len()).position(|w| w == fragment.as_slice()) {
            Some(at) => {
                from += at + fragment.len();
                true
            }
            None => false,
        }
    })
}

/// One key for a word's British and American spellings: "harbour" and
/// "harbor", "organise" and "organize", "centre" and "center", "travelled"
/// and "traveled".
fn spelling_key(word: &str) -> String {
    let mut key = word.replace('\'', "");
    // At most one of these endings fits a word.
    const SPELLINGS: [(&str, &str); 10] = [
        ("our", "or"),
        ("ise", "ize"),
        ("ised", "ized"),
        ("ising", "izing"),
        ("yse", "yze"),
        ("tre", "ter"),
        ("lled", "led"),
        ("lling", "ling"),
        ("ours", "ors"),
        ("ourable", "orable"),
    ];
    if let Some((british, american)) =
        SPELLINGS.iter().find(|(british, _)| key.len() > british.len() + 2 && key.ends_with(british))
    {
        key.truncate(key.len() - british.len());
        key.push_str(american);
    }
    key
}

fn dedupe_ids(quotes: &mut [Quote]) {
    let mut seen: HashMap<String, usize> = HashMap::new();
    for quote in quotes {
        let n = seen.entry(quote.id.clone()).or_insert(0);
        *n += 1;
        if *n > 1 {
            quote.id = format!("{}-{n}", quote.id);
        }
    }
}

/// A stable 32-bit FNV-1a hash for ids: the same input gives the same id on
/// every machine and run (std's hasher is randomly seeded).
pub fn short_hash(text: &str) -> u32 {
    text.bytes().fold(0x811c_9dc5u32, |hash, byte| (hash ^ u32::from(byte)).wrapping_mul(0x0100_0193))
}

/// The glossary: each term with every use, most widely used first.
pub fn terms(sources: &[Source], findings: &[Findings]) -> Vec<Term> {
    let outlet_keys: Vec<String> = sources.iter().map(crate::outlets::key).collect();
    let mut grouped: Vec<(String, Vec<(usize, TermUse)>)> = Vec::new();
    let mut by_key: HashMap<String, usize> = HashMap::new();
    for (s, found) in findings.iter().enumerate() {
        for term in &found.terms {
            let key = fold(&term.text);
            let slot = *by_key.entry(key).or_insert_with(|| {
                grouped.push((term.text.clone(), Vec::new()));
                grouped.len() - 1
            });
            grouped[slot].1.push((
                s,
                TermUse { source: sources[s].id.clone(), paragraph: term.paragraph, text: term.text.clone() },
            ));
        }
    }
    let mut terms: Vec<Term> = grouped
        .into_iter()
        .map(|(_, uses)| {
            let mut outlets: Vec<&String> = uses.iter().map(|(s, _)| &outlet_keys[*s]).collect();
            outlets.sort_unstable();
            outlets.dedup();
            // The form most uses write: "league of the bold" over one capitalised use.
            let mut counts: HashMap<&str, usize> = HashMap::new();
            for (_, u) in &uses {
                *counts.entry(u.text.as_str()).or_default() += 1;
            }
            let text = uses
                .iter()
                .map(|(_, u)| u.text.as_str())
                .max_by_key(|t| (counts[t], std::cmp::Reverse(*t)))
                .unwrap_or_default()
                .to_string();
            Term { text, outlets: outlets.len(), uses: uses.into_iter().map(|(_, u)| u).collect() }
        })
        .collect();
    terms.sort_by(|a, b| {
        b.outlets.cmp(&a.outlets).then(b.uses.len().cmp(&a.uses.len())).then(fold(&a.text).cmp(&fold(&b.text)))
    });
    terms
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn excerpts_and_spellings_are_one_wording_changed_words_are_not() {
        let differ = |a: &str, b: &str| wordings_differ(&[fold(a), fold(b)]);
        assert!(!differ("We're just here for a project.", "we’re just here for a project...we’re just students."));
        assert!(!differ("His conduct is unbecoming.", "His conduct is unbecoming. It goes beyond the pale."));
        assert!(!differ("the harbour will reopen", "The harbor will reopen"));
        assert!(!differ("we will … rebuild the pier", "We will, with your help, rebuild the pier"));
        assert!(differ("we will rebuild the pier", "we will repair the pier"));
        assert!(differ("Do you fully support the plan?", "fully supported the plan."));
    }

    #[test]
    fn cuts_and_translations_match() {
        let k = Knowledge::load(None).unwrap();
        let w = |t: &str| wording(t, &k);
        let a = w("Europe is ready, for the first time with this level of commitment and intensity,");
        let b = w(
            "Europe is stepping up for the first time with this level of commitment and intensity, because the security of Ukraine is ours",
        );
        assert!(same_words(&a, &b));
        assert!(same_words(&w("Not for them to decide"), &w("It’s not for them to decide,")));
        assert!(same_words(
            &w("We are ready to talk, but not to surrender,"),
            &w("We are prepared to talk but not to capitulate.")
        ));
        assert!(!same_words(
            &w("Putin is a war criminal,"),
            &w("He is perhaps the most severe war criminal of our time that we see on a large scale.")
        ));
        assert!(!same_words(&w("Only pressure works."), &w("It works.")));
        assert!(same_words(
            &w("in any format."),
            &w("Russia does not intend to discuss intervention in Ukraine in any form whatsoever.")
        ));
    }

    #[test]
    fn common_subsequences() {
        let s = |t: &str| t.split(' ').map(String::from).collect::<Vec<_>>();
        assert_eq!(common_subsequence(&s("a b c d"), &s("a x c d y")), 3);
        assert_eq!(common_subsequence(&s("a b"), &s("c d")), 0);
    }

    #[test]
    fn hashes_are_stable() {
        assert_eq!(short_hash("abc"), 0x1a47e90b);
    }
}
