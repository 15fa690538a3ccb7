//! List rows: the places or people outlets name for one predicate, and a
//! place one outlet lists as doing something and another as refusing it.

use super::*;

/// A list of places a claim names for a predicate, or the one place that is
/// a claim's subject (`single`).
struct ListItem {
    claim: usize,
    items: Vec<String>,
    predicate: Vec<String>,
    written: String,
    single: bool,
}

/// Lists: the places outlets name for the same predicate ("willing to send
/// troops"), when the sets differ. A claim naming a single place can join a
/// list it clearly matches ("Italy has ruled out sending troops").
pub(super) fn list_rows(index: &ClaimIndex, namer: &Namer, knowledge: &Knowledge) -> Vec<Row> {
    let mut found: Vec<ListItem> = Vec::new();
    for (c, claim) in index.claims.iter().enumerate() {
        // Person keys are local to a source; predicates compare words and places.
        let comparable = |k: &&String| !k.starts_with("p:");
        for list in &claim.lists {
            let predicate = list.predicate.iter().filter(comparable).cloned().collect();
            let items: Vec<String> = list.items.iter().filter_map(|k| index.global_key(c, k)).collect();
            if items.len() < 2 {
                continue;
            }
            found.push(ListItem { claim: c, items, predicate, written: list.written.clone(), single: false });
        }
        if claim.lists.is_empty()
            && let Some(subject) = &claim.subject_place
        {
            let name = subject.trim_start_matches("c:").to_string();
            let written = written_place(&claim.text, &name, knowledge).unwrap_or(name);
            found.push(ListItem {
                claim: c,
                items: vec![subject.clone()],
                predicate: claim.keys.iter().filter(|k| *k != subject).filter(comparable).cloned().collect(),
                written,
                single: true,
            });
        }
    }
    let weighed: Vec<Weighed> = found.iter().map(|item| Weighed::new(index, &item.predicate)).collect();
    // Candidates come from the claim index: items of claims that share rare keys.
    let mut items_of: HashMap<usize, Vec<usize>> = HashMap::new();
    for (i, item) in found.iter().enumerate() {
        items_of.entry(item.claim).or_default().push(i);
    }
    let mut links = Vec::new();
    for a in 0..found.len() {
        let mut near: Vec<usize> = index
            .neighbours(found[a].claim)
            .into_iter()
            .flat_map(|(c, _)| items_of.get(&c).cloned().unwrap_or_default())
            .collect();
        near.sort_unstable();
        near.dedup();
        for b in near.into_iter().filter(|&b| b > a) {
            let (x, y) = (&found[a], &found[b]);
            if index.outlet[x.claim] == index.outlet[y.claim] || (x.single && y.single) {
                continue;
            }
            if index.claims[x.claim].negated != index.claims[y.claim].negated {
                continue;
            }
            let similarity = weighed[a].similarity(&weighed[b]);
            // Lists naming mostly the same places, said of a related matter, are one topic.
            let shared = x.items.iter().filter(|i| y.items.contains(i)).count();
            let overlap = shared as f32 / x.items.len().min(y.items.len()).max(1) as f32;
            let linked = if x.single || y.single {
                similarity >= SAME_PREDICATE * 1.7
            } else {
                similarity >= SAME_PREDICATE || (overlap >= 0.5 && shared >= 2 && similarity >= SAME_PREDICATE / 3.0)
            };
            if linked {
                links.push((a, b));
            }
        }
    }
    let groups = clusters(found.len(), links);
    let mut rows = conflicting_lists(index, &found, &weighed, namer);
    for group in groups {
        if group.iter().all(|&g| found[g].single) {
            continue;
        }
        let mut by_outlet: HashMap<usize, usize> = HashMap::new();
        for &g in &group {
            let slot = by_outlet.entry(index.outlet[found[g].claim]).or_insert(g);
            if found[*slot].single && !found[g].single {
                *slot = g;
            }
        }
        let mut chosen: Vec<usize> = by_outlet.into_values().collect();
        chosen.sort_unstable();
        if chosen.len() < 2 {
            continue;
        }
        let mut sets: Vec<Vec<&String>> = chosen.iter().map(|&g| found[g].items.iter().collect()).collect();
        for set in &mut sets {
            set.sort();
        }
        if sets.windows(2).all(|w| w[0] == w[1]) {
            continue;
        }
        let lead = chosen.iter().copied().find(|&g| !found[g].single).expect("a group has a list");
        let row_claims: Vec<usize> = chosen.iter().map(|&g| found[g].claim).collect();
        let people = found[lead].items.iter().all(|k| k.starts_with("p:"));
        let topic = namer.list_topic(index.claims[found[lead].claim], &found[lead].written, &row_claims, people);
        let cells = chosen.iter().map(|&g| Cell::new(found[g].claim, found[g].written.clone())).collect();
        rows.push(Row { topic, kind: DisagreementKind::List, cells });
    }
    rows
}

/// A place one outlet lists as doing something and another as refusing it:
/// a positive and a negative list on a related matter that share a place.
fn conflicting_lists(index: &ClaimIndex, found: &[ListItem], weighed: &[Weighed], namer: &Namer) -> Vec<Row> {
    let mut rows = Vec::new();
    // Every list, grouped with others or not: a list may stand alone in its outlets' agreement.
    let lists: Vec<usize> = (0..found.len()).filter(|&g| !found[g].single).collect();
    // A list that says something conflicts only with denials naming one of its
    // places: each list meets those, in list order, through an index.
    let mut denials_naming: HashMap<&String, Vec<usize>> = HashMap::new();
    for (position, &g) in lists.iter().enumerate() {
        if index.claims[found[g].claim].negated {
            for place in &found[g].items {
                denials_naming.entry(place).or_default().push(position);
            }
        }
    }
    for &a in &lists {
        if index.claims[found[a].claim].negated {
            continue;
        }
        let mut sharing: Vec<usize> =
            found[a].items.iter().filter_map(|p| denials_naming.get(p)).flatten().copied().collect();
        sharing.sort_unstable();
        sharing.dedup();
        for b in sharing.into_iter().map(|position| lists[position]) {
            let (x, y) = (&found[a], &found[b]);
            let (ca, items_a, written_a) = (x.claim, &x.items, &x.written);
            let (cb, items_b, written_b) = (y.claim, &y.items, &y.written);
            if index.claims[ca].negated || !index.claims[cb].negated || index.outlet[ca] == index.outlet[cb] {
                continue;
            }
            if weighed[a].similarity(&weighed[b]) < SAME_PREDICATE * 0.8 {
                continue;
            }
            for place in items_a.iter().filter(|p| items_b.contains(p)) {
                let name = namer.entity_name(place);
                let topic = match namer.predicate_phrase(&index.claims[ca].text, written_a) {
                    Some(phrase) => format!("Whether {name} is {phrase}"),
                    None => format!("{name}: conflicting accounts ({})", namer.context(&[ca, cb], 2)),
                };
                rows.push(Row {
                    topic,
                    kind: DisagreementKind::Other,
                    cells: vec![Cell::new(ca, written_a.to_string()), Cell::new(cb, written_b.to_string())],
                });
            }
        }
    }
    rows
}

/// How a country is written in a claim ("the UK", "Britain").
fn written_place(text: &str, country: &str, knowledge: &Knowledge) -> Option<String> {
    let toks = tokens(text);
    let words: Vec<&str> = toks.iter().map(|t| t.text).collect();
    (0..toks.len()).find_map(|i| {
        let (place, n) = knowledge.place_at(&words[i..])?;
        (knowledge.place_name(place) == country).then(|| text[toks[i].start..toks[i + n - 1].end()].to_string())
    })
}

/// A predicate's keys with their squared weights, weighed once per list
/// rather than again for every pair of lists compared.
struct Weighed<'a> {
    keys: &'a [String],
    squares: Vec<f32>,
    total: f32,
    set: std::collections::HashSet<&'a str>,
}

impl<'a> Weighed<'a> {
    fn new(index: &ClaimIndex, keys: &'a [String]) -> Weighed<'a> {
        let squares: Vec<f32> = keys.iter().map(|k| index.key_weight(k).powi(2)).collect();
        let total = squares.iter().sum::<f32>();
        Weighed { keys, squares, total, set: keys.iter().map(String::as_str).collect() }
    }

    /// Cosine similarity of two predicates over their weighted keys.
    fn similarity(&self, other: &Weighed) -> f32 {
        let shared: f32 =
            self.keys.iter().zip(&self.squares).filter(|(k, _)| other.set.contains(k.as_str())).map(|(_, w)| *w).sum();
        let norm = (self.total * other.total).sqrt();
        if norm > 0.0 { shared / norm } else { 0.0 }
    }
}
