//! Aligns claims across sources. Claims are indexed by their keys (word
//! stems, entities, dates) with inverse-document-frequency weights; two
//! claims from different outlets are compared only when they share a rare
//! key, so the work grows with the number of claims, not its square. Claims
//! about the same thing form a fact; its strength is the number of distinct
//! outlets that carry it.
//!
//! Large collections repeat themselves (wire copy, stock sentences), so
//! claims with the very same keys are one *shape*: each shape's nearest
//! shapes are found once, through a bounded number of postings, and kept up
//! to a limit, which keeps the work per claim constant however many
//! articles there are.

use std::collections::HashMap;

use rayon::prelude::*;

use super::people::PersonMap;
use super::quotes::short_hash;
use crate::extract::{Claim, Findings};
use crate::model::{Fact, FactSource, Source};

/// A claim by its source and position in that source's findings.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct ClaimRef {
    pub source: usize,
    pub claim: usize,
}

/// All claims with their keys as weighted ids, and the postings to find neighbours.
pub struct ClaimIndex<'a> {
    pub refs: Vec<ClaimRef>,
    pub claims: Vec<&'a Claim>,
    /// Key ids of each claim, sorted.
    keys: Vec<Vec<u32>>,
    /// Key ids of each clause of a claim that has several, sorted.
    clause_keys: Vec<Vec<Vec<u32>>>,
    /// Inverse document frequency of each key id.
    weights: Vec<f32>,
    /// Key id → shapes holding it; keys too common to discriminate have none.
    postings: Vec<Vec<u32>>,
    /// The shape of each claim: claims with the same keys share one.
    shape_of: Vec<u32>,
    /// Claims of each shape, in order.
    shape_members: Vec<Vec<u32>>,
    /// Each shape's nearest shapes with their similarity, most similar first.
    near: Vec<Vec<(u32, f32)>>,
    /// Outlet identity of each claim's source.
    pub outlet: Vec<usize>,
    /// Key text by id, for naming topics.
    names: Vec<String>,
    ids: HashMap<String, u32>,
    norms: Vec<f32>,
    map: &'a PersonMap,
    /// Stems of title words, which say who, not what.
    title_stems: &'a std::collections::HashSet<String>,
}

/// Most postings a key may have and still be used to find candidates.
const MAX_POSTINGS: usize = 400;
/// Rarest keys of a claim used to find its candidates.
const PROBE_KEYS: usize = 12;
/// Most candidate shapes gathered for a shape: a probe key whose postings
/// would pass it is too common, for this claim, to find candidates by.
const CANDIDATE_SHAPES: usize = 1024;
/// Nearest shapes kept for each shape.
const NEAR_SHAPES: usize = 256;
/// Most neighbours `neighbours` gives a claim, the most similar.
const NEIGHBOURS: usize = 128;

impl<'a> ClaimIndex<'a> {
    /// Indexes every claim; person keys are made global with `map`.
    pub fn new(
        sources: &[Source],
        findings: &'a [Findings],
        map: &'a PersonMap,
        knowledge: &'a crate::knowledge::Knowledge,
    ) -> ClaimIndex<'a> {
        let outlet_keys: Vec<String> = sources.iter().map(crate::outlets::key).collect();
        let mut outlet_ids: HashMap<&str, usize> = HashMap::new();
        let mut ids: HashMap<String, u32> = HashMap::new();
        let mut names = Vec::new();
        let mut refs = Vec::new();
        let mut claims = Vec::new();
        let mut keys = Vec::new();
        let mut clause_keys = Vec::new();
        let mut outlet = Vec::new();
        for (s, found) in findings.iter().enumerate() {
            let next = outlet_ids.len();
            let o = *outlet_ids.entry(outlet_keys[s].as_str()).or_insert(next);
            for (c, claim) in found.claims.iter().enumerate() {
                let mut id_of = |list: &[String]| -> Vec<u32> {
                    let mut out: Vec<u32> = list
                        .iter()
                        .filter_map(|key| global_key(key, s, map))
                        .map(|key| {
                            let next = ids.len() as u32;
                            *ids.entry(key.clone()).or_insert_with(|| {
                                names.push(key);
                                next
                            })
                        })
                        .collect();
                    out.sort_unstable();
                    out.dedup();
                    out
                };
                let claim_keys = id_of(&claim.keys);
                let clauses: Vec<Vec<u32>> = claim.clauses.iter().map(|clause| id_of(clause)).collect();
                refs.push(ClaimRef { source: s, claim: c });
                claims.push(claim);
                keys.push(claim_keys);
                clause_keys.push(clauses);
                outlet.push(o);
            }
        }
        let mut frequency = vec![0usize; names.len()];
        for claim_keys in &keys {
            for &k in claim_keys {
                frequency[k as usize] += 1;
            }
        }
        let total = keys.len().max(1) as f32;
        let weights: Vec<f32> = frequency.iter().map(|&f| (total / f as f32).ln() + 1.0).collect();
        let mut shape_of = Vec::with_capacity(keys.len());
        let mut shape_members: Vec<Vec<u32>> = Vec::new();
        let mut shape_ids: HashMap<&[u32], u32> = HashMap::new();
        for (i, claim_keys) in keys.iter().enumerate() {
            let next = shape_members.len() as u32;
            let shape = *shape_ids.entry(claim_keys.as_slice()).or_insert(next);
            if shape == next {
                shape_members.push(Vec::new());
            }
            shape_members[shape as usize].push(i as u32);
            shape_of.push(shape);
        }
        drop(shape_ids);
        let mut postings = vec![Vec::new(); names.len()];
        for (shape, members) in shape_members.iter().enumerate() {
            for &k in &keys[members[0] as usize] {
                if frequency[k as usize] <= MAX_POSTINGS.max(keys.len() / 20) {
                    postings[k as usize].push(shape as u32);
                }
            }
        }
        let norms = keys.iter().map(|ks| ks.iter().map(|&k| weights[k as usize].powi(2)).sum::<f32>().sqrt()).collect();
        let title_stems = knowledge.title_stems();
        let mut index = ClaimIndex {
            refs,
            claims,
            keys,
            clause_keys,
            weights,
            postings,
            shape_of,
            shape_members,
            near: Vec::new(),
            outlet,
            names,
            ids,
            norms,
            map,
            title_stems,
        };
        // Each shape's candidates are its own; finding them in parallel gives the same lists.
        index.near = (0..index.shape_members.len()).into_par_iter().map(|shape| index.nearest_shapes(shape)).collect();
        index
    }

    /// Shapes sharing a rare key with `shape`, most similar first (then in order), up to `NEAR_SHAPES`.
    fn nearest_shapes(&self, shape: usize) -> Vec<(u32, f32)> {
        let i = self.shape_members[shape][0] as usize;
        let mut probe: Vec<u32> = self.keys[i].clone();
        probe.sort_by(|a, b| self.weights[*b as usize].total_cmp(&self.weights[*a as usize]));
        probe.truncate(PROBE_KEYS);
        let mut seen: Vec<u32> = Vec::new();
        for &k in &probe {
            let postings = &self.postings[k as usize];
            if seen.len() + postings.len() <= CANDIDATE_SHAPES {
                seen.extend_from_slice(postings);
            }
        }
        seen.sort_unstable();
        seen.dedup();
        let mut near: Vec<(u32, f32)> =
            seen.into_iter().map(|t| (t, self.similarity(i, self.shape_members[t as usize][0] as usize))).collect();
        near.sort_by(|a, b| b.1.total_cmp(&a.1).then(a.0.cmp(&b.0)));
        near.truncate(NEAR_SHAPES);
        near
    }

    pub fn len(&self) -> usize {
        self.refs.len()
    }

    pub fn is_empty(&self) -> bool {
        self.refs.is_empty()
    }

    /// Cosine similarity of two claims over their weighted keys.
    pub fn similarity(&self, a: usize, b: usize) -> f32 {
        let shared = intersect_weight(&self.keys[a], &self.keys[b], &self.weights);
        let norm = self.norms[a] * self.norms[b];
        if norm > 0.0 { shared / norm } else { 0.0 }
    }

    /// The best cosine between a clause of one claim and a clause (or the
    /// whole) of the other: two outlets may share one clause of longer sentences.
    /// Returns the cosine and how many words (not names, places, dates or
    /// titles) those two clauses share.
    pub fn clause_similarity(&self, a: usize, b: usize) -> (f32, usize) {
        let norm = |ks: &[u32]| ks.iter().map(|&k| self.weights[k as usize].powi(2)).sum::<f32>().sqrt();
        let units = |i: usize| -> Vec<&[u32]> {
            if self.clause_keys[i].is_empty() {
                vec![self.keys[i].as_slice()]
            } else {
                self.clause_keys[i].iter().map(Vec::as_slice).collect()
            }
        };
        let mut best: (f32, usize) = (0.0, 0);
        for x in units(a) {
            for y in units(b) {
                let n = norm(x) * norm(y);
                let sim = if n > 0.0 { intersect_weight(x, y, &self.weights) / n } else { 0.0 };
                if sim > best.0 {
                    let words = x.iter().filter(|&&k| y.binary_search(&k).is_ok() && self.is_content(k)).count();
                    best = (sim, words);
                }
            }
        }
        best
    }

    /// Claims of other outlets that share a rare key with claim `i`, with
    /// their similarity, in claim order: the `NEIGHBOURS` most similar.
    pub fn neighbours(&self, i: usize) -> Vec<(usize, f32)> {
        let mut found = Vec::new();
        'shapes: for &(shape, sim) in &self.near[self.shape_of[i] as usize] {
            for &j in &self.shape_members[shape as usize] {
                let j = j as usize;
                if j != i && self.outlet[j] != self.outlet[i] {
                    if found.len() == NEIGHBOURS {
                        break 'shapes;
                    }
                    found.push((j, sim));
                }
            }
        }
        found.sort_unstable_by_key(|&(j, _)| j);
        found
    }

    /// The candidates to join a fact around `seed`: like `neighbours`, but
    /// every claim of the near shapes at least `min_similarity` alike, so
    /// that a statement thousands of sources carry joins one fact. `open`
    /// holds each shape's claims not yet in a fact (from `open_shapes`) and
    /// is pruned as they are placed; shapes too far to join are not visited,
    /// or their unplaced claims would be met again by every later seed.
    pub fn fact_candidates(
        &self,
        seed: usize,
        open: &mut [Vec<u32>],
        placed: &[Option<usize>],
        min_similarity: f32,
    ) -> Vec<(usize, f32)> {
        let mut found = Vec::new();
        let near = &self.near[self.shape_of[seed] as usize];
        for &(shape, sim) in near.iter().take_while(|(_, sim)| *sim >= min_similarity) {
            let members = &mut open[shape as usize];
            members.retain(|&j| placed[j as usize].is_none());
            found.extend(
                members
                    .iter()
                    .map(|&j| j as usize)
                    .filter(|&j| j != seed && self.outlet[j] != self.outlet[seed])
                    .map(|j| (j, sim)),
            );
        }
        found
    }

    /// Each shape's claims, for `fact_candidates` to prune.
    pub fn open_shapes(&self) -> Vec<Vec<u32>> {
        self.shape_members.clone()
    }

    /// A key of claim `i` as compared across sources: a source's own person
    /// ("p:3") becomes the merged person; people dropped as not people drop out.
    pub fn global_key(&self, i: usize, key: &str) -> Option<String> {
        global_key(key, self.refs[i].source, self.map)
    }

    /// The weight of a key (as the claims write it); 0 for an unknown key.
    pub fn key_weight(&self, key: &str) -> f32 {
        self.ids.get(key).map_or(0.0, |&id| self.weights[id as usize])
    }

    /// The weight of the words (not names, places or dates) two claims share.
    pub fn shared_content_weight(&self, a: usize, b: usize) -> f32 {
        let (x, y) = (&self.keys[a], &self.keys[b]);
        x.iter()
            .filter(|&&k| y.binary_search(&k).is_ok() && self.is_content(k))
            .map(|&k| self.weights[k as usize])
            .sum()
    }

    /// Whether key id `k` is a word of what is said: not a name, place, date
    /// or title ("chancellor" says who, not what).
    fn is_content(&self, k: u32) -> bool {
        let name = &self.names[k as usize];
        !name.contains(':') && !self.title_stems.contains(name)
    }

    /// The weight of a claim's words (not names, places, dates or titles).
    pub fn content_weight(&self, a: usize) -> f32 {
        self.keys[a].iter().filter(|&&k| self.is_content(k)).map(|&k| self.weights[k as usize]).sum()
    }

    /// Whether two claims are about the same one, when both open with whom
    /// they are about: "Vogel has said …" and "Italy has ruled out …" are not.
    pub fn same_subject(&self, a: usize, b: usize) -> bool {
        let subject = |i: usize| self.claims[i].subject.as_ref().and_then(|k| self.global_key(i, k));
        match (subject(a), subject(b)) {
            (Some(x), Some(y)) => x == y,
            _ => true,
        }
    }

    /// How much a claim says: the weight of its keys.
    pub fn salience(&self, i: usize) -> f32 {
        self.norms[i]
    }

    /// Whether two claims share a key that `wanted` accepts (as the claims write it).
    pub fn shares_key(&self, a: usize, b: usize, wanted: impl Fn(&str) -> bool) -> bool {
        let (x, y) = (&self.keys[a], &self.keys[b]);
        x.iter().any(|k| y.binary_search(k).is_ok() && wanted(&self.names[*k as usize]))
    }

    /// Keys two or more of `members` share, most widely shared and rarest first.
    pub fn shared_keys(&self, members: &[usize]) -> Vec<&str> {
        let mut counts: HashMap<u32, usize> = HashMap::new();
        for &m in members {
            for &k in &self.keys[m] {
                *counts.entry(k).or_default() += 1;
            }
        }
        let mut shared: Vec<(usize, f32, u32)> =
            counts.into_iter().filter(|(_, n)| *n >= 2).map(|(k, n)| (n, self.weights[k as usize], k)).collect();
        shared.sort_by(|a, b| b.0.cmp(&a.0).then(b.1.total_cmp(&a.1)).then(a.2.cmp(&b.2)));
        shared.into_iter().map(|(_, _, k)| self.names[k as usize].as_str()).collect()
    }
}

fn intersect_weight(a: &[u32], b: &[u32], weights: &[f32]) -> f32 {
    let (mut i, mut j, mut sum) = (0, 0, 0.0);
    while i < a.len() && j < b.len() {
        match a[i].cmp(&b[j]) {
            std::cmp::Ordering::Less => i += 1,
            std::cmp::Ordering::Greater => j += 1,
            std::cmp::Ordering::Equal => {
                sum += weights[a[i] as usize].powi(2);
                i += 1;
                j += 1;
            }
        }
    }
    sum
}

/// "p:3" (a source's third person) becomes the global person's key; people
/// dropped as not people drop out.
fn global_key(key: &str, source: usize, map: &PersonMap) -> Option<String> {
    match key.strip_prefix("p:") {
        Some(local) => {
            let g = map[source].get(local.parse::<usize>().ok()?).copied().flatten()?;
            Some(format!("p:{g}"))
        }
        None => Some(key.to_string()),
    }
}

/// Claims this similar say the same thing.
pub const SAME_FACT: f32 = 0.42;
/// Clauses this similar say the same thing; a clause is short, so the bar is higher.
const SAME_CLAUSE: f32 = 0.5;
/// The weight of a word found in every claim; rarer words weigh more.
const MIN_WORD_WEIGHT: f32 = 1.0;

/// The facts: groups of claims from different outlets that say the same
/// thing, and the notable claims no other outlet makes. Returns the facts and
/// the fact index of each claim (or none).
pub fn facts(index: &ClaimIndex, sources: &[Source]) -> (Vec<Fact>, Vec<Option<usize>>) {
    let mut order: Vec<usize> = (0..index.len()).collect();
    order.sort_by(|&a, &b| index.salience(b).total_cmp(&index.salience(a)).then(a.cmp(&b)));
    let mut fact_of: Vec<Option<usize>> = vec![None; index.len()];
    let mut groups: Vec<Vec<usize>> = Vec::new();
    let mut open = index.open_shapes();
    for &seed in &order {
        if fact_of[seed].is_some() || !notable(index.claims[seed]) {
            continue;
        }
        let g = groups.len();
        let mut members = vec![seed];
        let mut member_sources = std::collections::HashSet::from([index.refs[seed].source]);
        fact_of[seed] = Some(g);
        let mut neighbours = index.fact_candidates(seed, &mut open, &fact_of, SAME_FACT);
        neighbours.sort_by(|a, b| b.1.total_cmp(&a.1).then(a.0.cmp(&b.0)));
        for (j, sim) in neighbours {
            // Or one clause each, said alike: "… was alone on the bridge and …".
            let (clause_sim, clause_words) = index.clause_similarity(seed, j);
            let clause_alike = clause_sim >= SAME_CLAUSE && clause_words >= 2;
            // One claim per source: the one closest to the seed. Sharing only
            // names is not saying the same thing: some words must match too.
            // The words shared must be a fair part of what the shorter claim says.
            let shared = index.shared_content_weight(seed, j);
            let smaller = index.content_weight(seed).min(index.content_weight(j));
            let says_alike = sim >= 0.6 || (shared >= 2.0 * MIN_WORD_WEIGHT && shared >= 0.3 * smaller);
            // A claim and its negation are not one fact (they may be a contradiction).
            let same_polarity = index.claims[seed].negated == index.claims[j].negated;
            if ((sim >= SAME_FACT && says_alike) || clause_alike)
                && same_polarity
                && index.same_subject(seed, j)
                && fact_of[j].is_none()
                && !member_sources.contains(&index.refs[j].source)
            {
                fact_of[j] = Some(g);
                members.push(j);
                member_sources.insert(index.refs[j].source);
            }
        }
        groups.push(members);
    }
    // Most outlets first, then the weightiest; earlier paragraphs carry an article's point.
    let weight = |members: &[usize]| {
        members
            .iter()
            .map(|&m| index.salience(m) / (1.0 + 0.05 * index.claims[m].paragraph as f32))
            .fold(0.0f32, f32::max)
    };
    let outlets_of = |members: &[usize]| {
        let mut outlets: Vec<usize> = members.iter().map(|&m| index.outlet[m]).collect();
        outlets.sort_unstable();
        outlets.dedup();
        outlets.len()
    };
    let mut order: Vec<usize> = (0..groups.len()).collect();
    order.sort_by(|&a, &b| {
        outlets_of(&groups[b])
            .cmp(&outlets_of(&groups[a]))
            .then(weight(&groups[b]).total_cmp(&weight(&groups[a])))
            .then(a.cmp(&b))
    });
    let mut rank = vec![0; groups.len()];
    for (r, &g) in order.iter().enumerate() {
        rank[g] = r;
    }
    let fact_of = fact_of.into_iter().map(|f| f.map(|g| rank[g])).collect();
    let built = order
        .iter()
        .map(|&g| {
            let mut members = groups[g].clone();
            members.sort_by_key(|&m| index.refs[m]);
            let seed = members[0];
            let claim = index.claims[seed];
            let source_id = &sources[index.refs[seed].source].id;
            let outlets = outlets_of(&members);
            Fact {
                id: format!("f-{:08x}", short_hash(&format!("{source_id}|{}|{}", claim.paragraph, claim.text))),
                text: claim.text.clone(),
                sources: members
                    .iter()
                    .map(|&m| FactSource {
                        source: sources[index.refs[m].source].id.clone(),
                        paragraph: index.claims[m].paragraph,
                        text: index.claims[m].text.clone(),
                    })
                    .collect(),
                outlets,
                single_source: outlets == 1,
                pinned: false,
            }
        })
        .collect();
    (built, fact_of)
}

/// A claim worth listing as a fact: a full statement with something to check.
fn notable(claim: &Claim) -> bool {
    let words = claim.text.split_whitespace().count();
    let has_entity = claim.keys.iter().any(|k| k.starts_with("c:") || k.starts_with("o:") || k.starts_with("p:"));
    (6..=80).contains(&words)
        && !claim.text.trim_end().ends_with('?')
        && (has_entity || !claim.quantities.is_empty() || !claim.dates.is_empty())
}
