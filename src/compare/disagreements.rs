//! Where outlets that speak of the same thing differ: numbers beyond what
//! their approximations allow, lists naming different places, incompatible
//! manners (by telephone vs by video), different dates for one event,
//! opposite claims, and differently worded quotations. Each row is built
//! from aligned claims only; its topic name is made from the claims' words.

use std::collections::HashMap;

use rust_stemmers::{Algorithm, Stemmer};

use super::claims::ClaimIndex;
use super::people::PersonMap;
use super::people::slug;
use super::quotes::short_hash;
use crate::extract::Findings;
use crate::extract::quantities::Quantity;
use crate::knowledge::Knowledge;
use crate::model::{Disagreement, DisagreementKind, DisagreementValue, Evidence, Person, Quote, Source};
use crate::text::{fold, tokens, words};

/// Claims this similar are about the same matter, enough to compare their numbers.
const SAME_MATTER: f32 = 0.18;
/// Lists whose predicates are this similar say the same kind of thing about places.
const SAME_PREDICATE: f32 = 0.3;

/// A source's answer in a row: its claim (index in the claim index) and value.
struct Cell {
    claim: usize,
    value: String,
    /// The interval a figure allows, for number rows.
    amount: Option<(f64, f64)>,
}

impl Cell {
    fn new(claim: usize, value: String) -> Cell {
        Cell { claim, value, amount: None }
    }
}

struct Row {
    topic: String,
    kind: DisagreementKind,
    cells: Vec<Cell>,
}

/// Finds every disagreement row.
pub fn find(
    index: &ClaimIndex,
    fact_of: &[Option<usize>],
    sources: &[Source],
    quotes: &[Quote],
    people: &[Person],
    knowledge: &Knowledge,
) -> Vec<Disagreement> {
    let namer = Namer { index, stemmer: Stemmer::create(Algorithm::English), knowledge, people };
    let mut rows: Vec<Row> = Vec::new();
    rows.extend(number_rows(index, &namer, knowledge));
    rows.extend(list_rows(index, &namer, knowledge));
    rows.extend(manner_rows(index, &namer, knowledge));
    rows.extend(date_rows(index, fact_of, &namer));
    rows.extend(contradiction_rows(index, fact_of, &namer));
    merge_repeated_rows(&mut rows, index);
    // Rows that would share a name are told apart by the words their claims share.
    let mut names: HashMap<String, usize> = HashMap::new();
    for row in &rows {
        *names.entry(row.topic.clone()).or_default() += 1;
    }
    for row in &mut rows {
        if names[&row.topic] > 1 {
            let claims: Vec<usize> = row.cells.iter().map(|c| c.claim).collect();
            row.topic = format!("{} ({})", row.topic, namer.context(&claims, 2));
        }
    }
    let mut built: Vec<Disagreement> = rows.into_iter().map(|row| build(row, index, sources)).collect();
    built.extend(wording_rows(quotes, sources, people));
    order(&mut built, sources);
    built
}

/// Groups items into clusters by pairwise links (union-find).
fn clusters(n: usize, links: impl IntoIterator<Item = (usize, usize)>) -> Vec<Vec<usize>> {
    let mut parent: Vec<usize> = (0..n).collect();
    fn root(parent: &mut [usize], mut x: usize) -> usize {
        while parent[x] != x {
            parent[x] = parent[parent[x]];
            x = parent[x];
        }
        x
    }
    for (a, b) in links {
        let (ra, rb) = (root(&mut parent, a), root(&mut parent, b));
        if ra != rb {
            parent[ra.max(rb)] = ra.min(rb);
        }
    }
    let mut groups: HashMap<usize, Vec<usize>> = HashMap::new();
    for x in 0..n {
        let r = root(&mut parent, x);
        groups.entry(r).or_default().push(x);
    }
    let mut out: Vec<Vec<usize>> = groups.into_values().filter(|g| g.len() > 1).collect();
    out.sort();
    out
}

/// Groups items strongest link first, never putting two items of one
/// outlet in a group: each group holds one value per outlet, and weak links
/// cannot chain different matters together.
fn constrained_clusters(
    n: usize,
    mut links: Vec<(usize, usize, f32)>,
    outlet_of: impl Fn(usize) -> usize,
) -> Vec<Vec<usize>> {
    links.sort_by(|a, b| b.2.total_cmp(&a.2).then((a.0, a.1).cmp(&(b.0, b.1))));
    let mut group_of: Vec<usize> = (0..n).collect();
    let mut groups: Vec<Vec<usize>> = (0..n).map(|i| vec![i]).collect();
    // Each group's outlets, so that a clash is one look-up per item of the smaller group.
    let mut outlets: Vec<std::collections::HashSet<usize>> = (0..n).map(|i| [outlet_of(i)].into()).collect();
    for (a, b, _) in links {
        let (ga, gb) = (group_of[a], group_of[b]);
        if ga == gb {
            continue;
        }
        // The smaller group joins the larger, so that no item moves often; the
        // groups come out sorted, so which one keeps its place does not show.
        let (small, large) = if groups[ga].len() <= groups[gb].len() { (ga, gb) } else { (gb, ga) };
        let clash = outlets[small].iter().any(|o| outlets[large].contains(o));
        if clash {
            continue;
        }
        let moved = std::mem::take(&mut groups[small]);
        let moved_outlets = std::mem::take(&mut outlets[small]);
        outlets[large].extend(moved_outlets);
        for &m in &moved {
            group_of[m] = large;
        }
        groups[large].extend(moved);
    }
    let mut out: Vec<Vec<usize>> = groups
        .into_iter()
        .filter(|g| g.len() > 1)
        .map(|mut g| {
            g.sort_unstable();
            g
        })
        .collect();
    out.sort();
    out
}

/// Numbers: quantities of one kind in claims about the same matter, from
/// several outlets, whose intervals do not all overlap.
fn number_rows(index: &ClaimIndex, namer: &Namer, knowledge: &Knowledge) -> Vec<Row> {
    // Every quantity with a kind, by kind.
    let mut by_kind: HashMap<String, Vec<(usize, usize)>> = HashMap::new();
    for (c, claim) in index.claims.iter().enumerate() {
        for (q, quantity) in claim.quantities.iter().enumerate() {
            let kind = match (quantity.measure, &quantity.unit, &quantity.currency, quantity.percent) {
                (_, _, Some(_), _) => "money".to_string(),
                (_, _, _, true) => "percent".to_string(),
                (Some(m), _, _, _) => format!("m:{}", knowledge.measure_name(m)),
                (None, Some(unit), _, _) => format!("u:{}", namer.stem(unit)),
                _ => continue,
            };
            by_kind.entry(kind).or_default().push((c, q));
        }
    }
    let mut kinds: Vec<_> = by_kind.into_iter().collect();
    kinds.sort_by(|a, b| a.0.cmp(&b.0));
    let mut rows = Vec::new();
    for (kind, items) in kinds {
        let mut claim_of: HashMap<usize, Vec<usize>> = HashMap::new();
        for (i, (c, _)) in items.iter().enumerate() {
            claim_of.entry(*c).or_default().push(i);
        }
        // Each source's first figure of a kind is its headline figure for it
        // ("the number of countries"); those are compared on weaker likeness.
        let mut primary: HashMap<usize, usize> = HashMap::new();
        for (i, &(c, q)) in items.iter().enumerate() {
            let position = (index.claims[c].paragraph, index.claims[c].quantities[q].token);
            let slot = primary.entry(index.refs[c].source).or_insert(i);
            let (pc, pq) = items[*slot];
            if position < (index.claims[pc].paragraph, index.claims[pc].quantities[pq].token) {
                *slot = i;
            }
        }
        let is_primary = |i: usize| primary.get(&index.refs[items[i].0].source) == Some(&i);
        // Words around most figures of a kind ("magnitude", "earthquake") say nothing about which is which.
        let mut spread: HashMap<&str, usize> = HashMap::new();
        for &(c, q) in &items {
            let mut seen: Vec<&str> = index.claims[c].quantities[q].context.iter().map(String::as_str).collect();
            seen.sort_unstable();
            seen.dedup();
            for w in seen {
                *spread.entry(w).or_default() += 1;
            }
        }
        let telling = |w: &String| items.len() < 4 || spread.get(w.as_str()).copied().unwrap_or(0) * 2 <= items.len();
        let contexts: Vec<Vec<String>> = items
            .iter()
            .map(|&(c, q)| index.claims[c].quantities[q].context.iter().filter(|w| telling(w)).cloned().collect())
            .collect();
        let quantity = |i: usize| &index.claims[items[i].0].quantities[items[i].1];
        let mut per_source: HashMap<usize, usize> = HashMap::new();
        for &(c, _) in &items {
            *per_source.entry(index.refs[c].source).or_default() += 1;
        }
        let mut links = Vec::new();
        for (i, &(c, _)) in items.iter().enumerate() {
            for (other, sim) in index.neighbours(c) {
                // Each pair once, from its first item (a later test did the same, after the work).
                for &j in claim_of.get(&other).into_iter().flatten().filter(|&&j| j > i) {
                    // Where a claim gives several figures of a kind ("a depth of 10 km,
                    // 40 km south-west"), the words around each tell them apart.
                    let ambiguous = per_source[&index.refs[c].source] > 1 || per_source[&index.refs[other].source] > 1;
                    let context = context_likeness(&quantity(i).context, &quantity(j).context);
                    // Headline figures pair first (the main count of one article with
                    // another's), unless nothing around them is alike where both sources give several.
                    // Only figures of a known kind (deaths, countries) have a headline
                    // figure; of a unit (years, km) an article gives many.
                    let known_kind = kind.strip_prefix("m:").is_some_and(|measure| !knowledge.is_unit_measure(measure));
                    // Two figures of the kind in one sentence: only its words say which is which.
                    let crowded = claim_of[&c].len() > 1 || claim_of[&other].len() > 1;
                    let headline = known_kind && is_primary(i) && is_primary(j) && !(crowded && context == 0.0);
                    // Sums of money are many and varied: the words around them must match.
                    if kind == "money" && context == 0.0 {
                        continue;
                    }
                    if !comparable_amounts(quantity(i), quantity(j)) || quantity(i).currency != quantity(j).currency {
                        continue;
                    }
                    let weight = if ambiguous && !headline { sim * (0.5 + 0.5 * context) } else { sim };
                    let (threshold, bonus) = if headline { (SAME_MATTER / 3.0, 1.0) } else { (SAME_MATTER, 0.0) };
                    if weight >= threshold {
                        links.push((i, j, weight + bonus));
                    }
                }
            }
        }
        if kind != "percent" {
            links.extend(close_figures(index, &items, &contexts, &is_primary));
        }
        // Figures whose own words match ("about 45 km south-west of Khuzdar", in a
        // quotation, and "about 40 kilometres south-west of Khuzdar") are compared
        // even when their sentences share little else.
        let mut by_word: HashMap<&str, Vec<usize>> = HashMap::new();
        for (i, context) in contexts.iter().enumerate() {
            for word in context {
                by_word.entry(word.as_str()).or_default().push(i);
            }
        }
        for (i, &(c, _)) in items.iter().enumerate() {
            let mut near: Vec<usize> = contexts[i]
                .iter()
                .filter_map(|w| by_word.get(w.as_str()))
                .filter(|list| list.len() <= 50)
                .flatten()
                .copied()
                .filter(|&j| j > i && index.outlet[items[j].0] != index.outlet[c])
                .collect();
            near.sort_unstable();
            near.dedup();
            for j in near {
                let context = context_likeness(&contexts[i], &contexts[j]);
                // A telling word beside both figures ("fined €150,000", "fined 200,000 euros").
                let telling_enough =
                    if kind == "money" { context >= 0.25 } else { kind.starts_with("m:") && context >= 0.34 };
                if telling_enough
                    && comparable_amounts(quantity(i), quantity(j))
                    && quantity(i).currency == quantity(j).currency
                {
                    links.push((i, j, context / 2.0));
                }
            }
        }
        if std::env::var("DEBUG_NUM").is_ok() {
            for (i, &(c, q)) in items.iter().enumerate() {
                let qq = &index.claims[c].quantities[q];
                eprintln!(
                    "ITEM {kind} #{i} s{} {:?} [{}..{}] primary={} ctx={:?} :: {}",
                    index.refs[c].source,
                    &index.claims[c].text[qq.start - index.claims[c].range.start..qq.end - index.claims[c].range.start],
                    qq.low,
                    qq.high,
                    is_primary(i),
                    contexts[i],
                    &index.claims[c].text[..80.min(index.claims[c].text.len())]
                );
            }
            for l in &links {
                eprintln!("LINK {kind} {:?}", l);
            }
        }
        // Every figure of the kind each outlet gives, to see whether two
        // outlets that differ in one place each also give the other's figure.
        let mut by_outlet: HashMap<usize, Vec<&Quantity>> = HashMap::new();
        for (i, &(c, _)) in items.iter().enumerate() {
            by_outlet.entry(index.outlet[c]).or_default().push(quantity(i));
        }
        let gives =
            |outlet: usize, q: &Quantity| by_outlet.get(&outlet).is_some_and(|qs| qs.iter().any(|o| same_amount(o, q)));
        for group in constrained_clusters(items.len(), links, |i| index.outlet[items[i].0]) {
            let cells: Vec<(usize, &Quantity)> = group.iter().map(|&i| (items[i].0, quantity(i))).collect();
            // "Cut to 5.25%" and "had kept it at 5.50%": outlets that each give
            // both figures agree on both, whichever one a sentence names.
            let differ = |(ca, x): &(usize, &Quantity), (cb, y): &(usize, &Quantity)| {
                let reconciled = gives(index.outlet[*ca], y) && gives(index.outlet[*cb], x);
                !(same_amount(x, y) || reconciled)
            };
            let any_differ = cells.iter().enumerate().any(|(a, x)| cells[a + 1..].iter().any(|y| differ(x, y)));
            if !any_differ {
                continue;
            }
            let claims: Vec<usize> = cells.iter().map(|(c, _)| *c).collect();
            let topic = namer.number_topic(&kind, &claims);
            let cells = cells
                .iter()
                .map(|(c, q)| {
                    let start = index.claims[*c].range.start;
                    let value = index.claims[*c].text[q.start - start..q.end - start].to_string();
                    Cell { claim: *c, value, amount: Some(compared_interval(q)) }
                })
                .collect();
            rows.push(Row { topic, kind: DisagreementKind::Number, cells });
        }
    }
    rows
}

/// Counts this close (as a ratio) are likely the same count reported twice.
const CLOSE_RATIO: f64 = 1.3;
/// Counts below this are too common for their closeness to say anything.
const TELLING_SIZE: f64 = 20.0;
/// How many neighbours by value each figure is compared with.
const CLOSE_WINDOW: usize = 25;

/// Links figures of one kind from different outlets whose sizes are close
/// ("41,000 containers" and "some 39,500 boxes"): large counts rarely come
/// that close by chance, so closeness is evidence that they count the same
/// thing, provided their claims have something in common. Figures are
/// compared with their neighbours by value only, never all pairs.
fn close_figures(
    index: &ClaimIndex,
    items: &[(usize, usize)],
    contexts: &[Vec<String>],
    is_primary: &dyn Fn(usize) -> bool,
) -> Vec<(usize, usize, f32)> {
    let size = |i: usize| {
        let q = &index.claims[items[i].0].quantities[items[i].1];
        let (low, high) = compared_interval(q);
        if high.is_finite() { (low + high) / 2.0 } else { low }
    };
    let mut by_size: Vec<usize> = (0..items.len()).filter(|&i| size(i) >= TELLING_SIZE).collect();
    by_size.sort_by(|&a, &b| size(a).total_cmp(&size(b)).then(a.cmp(&b)));
    let mut links = Vec::new();
    for (k, &i) in by_size.iter().enumerate() {
        for &j in by_size[k + 1..].iter().take(CLOSE_WINDOW).take_while(|&&j| size(j) <= size(i) * CLOSE_RATIO) {
            let (ci, cj) = (items[i].0, items[j].0);
            let currency = |k: usize| &index.claims[items[k].0].quantities[items[k].1].currency;
            if index.outlet[ci] == index.outlet[cj] || currency(i) != currency(j) {
                continue;
            }
            let sim = index.similarity(ci, cj);
            let context = context_likeness(&contexts[i], &contexts[j]);
            if sim < 0.03 && context < 0.2 && !(is_primary(i) && is_primary(j)) {
                continue;
            }
            let closeness = 1.0 - ((size(j) / size(i)).ln() / CLOSE_RATIO.ln()) as f32;
            links.push((i.min(j), i.max(j), sim + 0.3 * closeness));
        }
    }
    links
}

/// Outlets often give a figure twice (in the headline and the body); two
/// number rows of one topic in which two or more outlets give compatible
/// figures are one topic, merged. Rows are compared within their topic
/// only, and with a bounded number of later rows, so thousands of rows do
/// not cost their square.
fn merge_repeated_rows(rows: &mut Vec<Row>, index: &ClaimIndex) {
    /// Later rows of a topic each row is compared with.
    const WINDOW: usize = 64;
    let agree = |a: &Cell, b: &Cell| {
        index.outlet[a.claim] == index.outlet[b.claim]
            && match (a.amount, b.amount) {
                (Some(x), Some(y)) => x.0 <= y.1 && y.0 <= x.1,
                _ => crate::text::fold(&a.value) == crate::text::fold(&b.value),
            }
    };
    let mut by_topic: HashMap<&str, Vec<usize>> = HashMap::new();
    for (r, row) in rows.iter().enumerate().filter(|(_, row)| row.kind == DisagreementKind::Number) {
        by_topic.entry(row.topic.as_str()).or_default().push(r);
    }
    let mut groups: Vec<Vec<usize>> = by_topic.into_values().collect();
    groups.sort();
    let mut merged = vec![false; rows.len()];
    for group in groups {
        for (n, &i) in group.iter().enumerate() {
            if merged[i] {
                continue;
            }
            for &j in group[n + 1..].iter().take(WINDOW) {
                if merged[j] {
                    continue;
                }
                let shared = rows[i].cells.iter().filter(|a| rows[j].cells.iter().any(|b| agree(a, b))).count();
                if shared < 2 {
                    continue;
                }
                let extra: Vec<Cell> = std::mem::take(&mut rows[j].cells)
                    .into_iter()
                    .filter(|b| !rows[i].cells.iter().any(|a| index.outlet[a.claim] == index.outlet[b.claim]))
                    .collect();
                rows[i].cells.extend(extra);
                merged[j] = true;
            }
        }
    }
    let mut position = 0;
    rows.retain(|_| {
        position += 1;
        !merged[position - 1]
    });
}

/// Share of the words around two figures that they have in common (1 when neither has any).
fn context_likeness(a: &[String], b: &[String]) -> f32 {
    if a.is_empty() && b.is_empty() {
        return 1.0;
    }
    // "fined" and "fine", "depth" and "depths": one word's beginning is the other.
    let alike = |x: &String, y: &String| {
        x == y || (x.len().min(y.len()) >= 4 && (x.starts_with(y.as_str()) || y.starts_with(x.as_str())))
    };
    let shared = a.iter().filter(|w| b.iter().any(|v| alike(w, v))).count();
    shared as f32 / a.len().max(b.len()).max(1) as f32
}

/// Whether two figures are of one order of magnitude, as two outlets' counts
/// of the same thing are: "two doses" and "2 million doses" count different things.
fn comparable_amounts(a: &Quantity, b: &Quantity) -> bool {
    let size = |q: &Quantity| {
        let (low, high) = compared_interval(q);
        if high.is_finite() { (low + high) / 2.0 } else { low }
    };
    let (x, y) = (size(a).abs(), size(b).abs());
    x.max(y) <= 5.0 * x.min(y).max(f64::MIN_POSITIVE)
}

/// Whether two figures can be the same amount: overlapping intervals, in
/// the same currency when they are money.
fn same_amount(a: &Quantity, b: &Quantity) -> bool {
    let (x, y) = (compared_interval(a), compared_interval(b));
    a.currency == b.currency && x.0 <= y.1 && y.0 <= x.1
}

/// The interval compared across outlets: the whole of a ratio ("26 out of
/// 35" counts 35 countries), else the number's own interval.
fn compared_interval(q: &Quantity) -> (f64, f64) {
    match q.total {
        Some(total) => (total, total),
        None => (q.low, q.high),
    }
}

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
fn list_rows(index: &ClaimIndex, namer: &Namer, knowledge: &Knowledge) -> Vec<Row> {
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

/// Manner: claims about the same matter giving manners that exclude each
/// other ("by videoconference" and "by telephone").
fn manner_rows(index: &ClaimIndex, namer: &Namer, knowledge: &Knowledge) -> Vec<Row> {
    let mentions: Vec<(usize, usize, &str)> = index
        .claims
        .iter()
        .enumerate()
        .flat_map(|(c, claim)| claim.manners.iter().map(move |m| (c, m.manner, m.written.as_str())))
        .collect();
    let mut mentions_of: HashMap<usize, Vec<usize>> = HashMap::new();
    for (i, m) in mentions.iter().enumerate() {
        mentions_of.entry(m.0).or_default().push(i);
    }
    let mut links = Vec::new();
    for (a, &(claim_a, ..)) in mentions.iter().enumerate() {
        for (c, sim) in index.neighbours(claim_a) {
            // Manners of the same kind of event (a call, a meeting) involving the
            // same party are compared; without an event, only close claims are.
            let (events_a, events_b) = (&index.claims[claim_a].events, &index.claims[c].events);
            let same_event = || events_a.iter().any(|e| events_b.contains(e));
            let shares_entity = || index.shares_key(claim_a, c, |k| k.contains(':'));
            // "Roe attended in person" and "Roe appeared by video link": how one
            // person took part, whatever the event is called.
            let shares_person = || index.shares_key(claim_a, c, |k| k.starts_with("p:"));
            let related = if events_a.is_empty() || events_b.is_empty() {
                sim >= SAME_MATTER * 1.5 || (sim >= SAME_MATTER / 2.0 && shares_person())
            } else {
                (same_event() && (sim >= SAME_MATTER || shares_entity()))
                    || (sim >= SAME_MATTER / 2.0 && shares_person())
            };
            if !related {
                continue;
            }
            links.extend(mentions_of.get(&c).into_iter().flatten().filter(|&&b| b > a).map(|&b| (a, b)));
        }
    }
    // A row per conflict, with only the mentions related to both sides:
    // chaining loosely related mentions would mix different matters.
    let linked: std::collections::HashSet<(usize, usize)> = links.iter().flat_map(|&(a, b)| [(a, b), (b, a)]).collect();
    // Mentions related to both sides are among those linked to one side: no scan of all mentions per conflict.
    let mut linked_to: HashMap<usize, Vec<usize>> = HashMap::new();
    for &(a, b) in &links {
        linked_to.entry(a).or_default().push(b);
        linked_to.entry(b).or_default().push(a);
    }
    let mut covered: std::collections::HashSet<Vec<usize>> = std::collections::HashSet::new();
    // With thousands of mentions each linked to its nearest only, the mentions
    // related to both sides of each conflict differ a little from one conflict
    // to the next: a conflict between mentions already shown adds nothing, and
    // a row sharing most of its mentions with an earlier one joins it.
    let mut groups: Vec<Vec<usize>> = Vec::new();
    let mut group_of: HashMap<usize, usize> = HashMap::new();
    let one_per_outlet = |members: &mut Vec<usize>| {
        let mut by_outlet: HashMap<usize, usize> = HashMap::new();
        for &m in members.iter() {
            by_outlet.entry(index.outlet[mentions[m].0]).or_insert(m);
        }
        *members = by_outlet.into_values().collect();
        members.sort_unstable();
    };
    for &(a, b) in &links {
        if knowledge.manners_compatible(mentions[a].1, mentions[b].1)
            || (group_of.contains_key(&a) && group_of.contains_key(&b))
        {
            continue;
        }
        let mut members: Vec<usize> =
            linked_to[&a].iter().copied().filter(|&m| m == b || linked.contains(&(m, b))).chain([a, b]).collect();
        members.sort_unstable();
        members.dedup();
        one_per_outlet(&mut members);
        // One row per set of outlets in conflict (an outlet may say it twice).
        let mut outlets: Vec<usize> = members.iter().map(|&m| index.outlet[mentions[m].0]).collect();
        outlets.sort_unstable();
        if !covered.insert(outlets) {
            continue;
        }
        let mut overlap: HashMap<usize, usize> = HashMap::new();
        for m in &members {
            if let Some(&g) = group_of.get(m) {
                *overlap.entry(g).or_default() += 1;
            }
        }
        let joins = overlap
            .into_iter()
            .filter(|&(g, shared)| shared * 2 > members.len().min(groups[g].len()))
            .map(|(g, _)| g)
            .min();
        let g = match joins {
            Some(g) => {
                groups[g].extend(members);
                groups[g].sort_unstable();
                groups[g].dedup();
                one_per_outlet(&mut groups[g]);
                g
            }
            None => {
                groups.push(members);
                groups.len() - 1
            }
        };
        for &m in &groups[g] {
            group_of.entry(m).or_insert(g);
        }
    }
    groups
        .into_iter()
        .map(|members| {
            let claims: Vec<usize> = members.iter().map(|&g| mentions[g].0).collect();
            let event = index.claims[claims[0]]
                .events
                .iter()
                .find(|e| claims.iter().all(|&c| index.claims[c].events.contains(e)));
            let topic = match event {
                Some(&e) => format!("How the {} was held ({})", knowledge.event_kind(e), namer.context(&claims, 2)),
                None => format!("How it was done ({})", namer.context(&claims, 3)),
            };
            let cells = members.iter().map(|&g| Cell::new(mentions[g].0, mentions[g].2.to_string())).collect();
            Row { topic, kind: DisagreementKind::Other, cells }
        })
        .collect()
}

/// Dates: claims about the same event (aligned, or of one fact) that give
/// it dates that cannot both be true, or clock times that differ.
fn date_rows(index: &ClaimIndex, fact_of: &[Option<usize>], namer: &Namer) -> Vec<Row> {
    // Every dated mention: (claim, mention).
    let dated: Vec<(usize, usize)> =
        (0..index.len()).flat_map(|c| (0..index.claims[c].dates.len()).map(move |m| (c, m))).collect();
    let mut of_claim: HashMap<usize, Vec<usize>> = HashMap::new();
    for (i, (c, _)) in dated.iter().enumerate() {
        of_claim.entry(*c).or_default().push(i);
    }
    let mention = |i: usize| &index.claims[dated[i].0].dates[dated[i].1];
    let mut links = Vec::new();
    for (i, &(a, _)) in dated.iter().enumerate() {
        for (b, sim) in index.neighbours(a) {
            for &j in of_claim.get(&b).into_iter().flatten() {
                if j <= i {
                    continue;
                }
                let same_fact = fact_of[a].is_some() && fact_of[a] == fact_of[b];
                let (da, db) = (mention(i), mention(j));
                // Dates years apart are different events; outlets that disagree on a date are close.
                let near = (da.date.day - db.date.day).num_days().abs() <= 366;
                let differ =
                    near && (!da.date.compatible(&db.date) || times_differ(da.time.as_deref(), db.time.as_deref()));
                if !differ {
                    continue;
                }
                // The words around each date say which event it dates.
                let context = context_likeness(&da.context, &db.context);
                // The same event: related claims (one fact, or alike) whose dates stand
                // by the same words ("visit … on Wednesday", "visit … on Thursday").
                let related = same_fact
                    || sim >= SAME_MATTER * 2.0
                    || (sim >= SAME_MATTER && context >= 0.34)
                    || (sim >= SAME_MATTER / 2.0 && context >= 0.5);
                if related && context > 0.0 && shares_content(index, a, b) {
                    links.push((i, j, sim + context));
                }
            }
        }
    }
    let mut rows = Vec::new();
    for group in constrained_clusters(dated.len(), links, |i| index.outlet[dated[i].0]) {
        let claims: Vec<usize> = group.iter().map(|&i| dated[i].0).collect();
        let cells = group
            .iter()
            .map(|&i| {
                let c = dated[i].0;
                let d = mention(i);
                let when = crate::text::dates::human_date(&d.date.iso());
                let value = match &d.time {
                    Some(time) if !d.expression.contains(time.as_str()) => format!("{} {time} ({when})", d.expression),
                    _ => format!("{} ({when})", d.expression),
                };
                Cell::new(c, value)
            })
            .collect();
        // Named by the words that stand by the dates in every cell ("lawsuit filed").
        let contexts: Vec<&Vec<String>> = group.iter().map(|&i| &mention(i).context).collect();
        let alike = |x: &String, y: &String| {
            x == y || (x.len().min(y.len()) >= 4 && (x.starts_with(y.as_str()) || y.starts_with(x.as_str())))
        };
        let shared: Vec<&str> = contexts[0]
            .iter()
            .filter(|w| contexts[1..].iter().any(|c| c.iter().any(|v| alike(w, v))))
            .map(String::as_str)
            .take(3)
            .collect();
        let topic = if shared.is_empty() {
            format!("Date: {}", namer.context(&claims, 4))
        } else {
            format!("When: {}", shared.join(" "))
        };
        rows.push(Row { topic, kind: DisagreementKind::Date, cells });
    }
    rows
}

/// Whether two claims share a word beyond names, places and dates.
fn shares_content(index: &ClaimIndex, a: usize, b: usize) -> bool {
    index.shares_key(a, b, |k| !k.contains(':'))
}

/// Two clock times that are both given and differ by more than a few minutes
/// in the same time zone ("4:17 a.m." and "4:21 a.m.").
fn times_differ(a: Option<&str>, b: Option<&str>) -> bool {
    let (Some(a), Some(b)) = (a.and_then(clock), b.and_then(clock)) else { return false };
    // A time given without its zone is in the zone the other gives.
    let same_zone = a.1 == b.1 || a.1.is_empty() || b.1.is_empty();
    same_zone && a.0.abs_diff(b.0) > 2
}

/// Minutes after midnight and the zone written after a time ("9:57 a.m. ET").
fn clock(time: &str) -> Option<(u32, String)> {
    let lower = time.to_lowercase();
    let digits: String = lower.chars().take_while(|c| c.is_ascii_digit() || *c == ':').collect();
    let (h, m) = digits.split_once(':').map_or((digits.as_str(), "0"), |(h, m)| (h, m));
    let mut hours: u32 = h.parse().ok()?;
    let minutes: u32 = m.parse().ok()?;
    let rest = lower[digits.len()..].replace('.', "");
    let rest = rest.trim();
    if rest.starts_with("pm") && hours < 12 {
        hours += 12;
    } else if rest.starts_with("am") && hours == 12 {
        hours = 0;
    }
    let zone = rest.trim_start_matches("am").trim_start_matches("pm").trim().to_string();
    Some((hours * 60 + minutes, zone))
}

/// Opposite claims: one outlet says it, another says it is not so.
fn contradiction_rows(index: &ClaimIndex, fact_of: &[Option<usize>], namer: &Namer) -> Vec<Row> {
    let mut rows = Vec::new();
    let mut seen = std::collections::HashSet::new();
    for a in 0..index.len() {
        for (b, sim) in index.neighbours(a) {
            let (ca, cb) = (index.claims[a], index.claims[b]);
            let same_fact = fact_of[a].is_some() && fact_of[a] == fact_of[b];
            // Only near-identical statements with opposite polarity: anything looser
            // pairs claims about different things.
            let plain = |c: &crate::extract::Claim| !c.text.contains(['“', '"', '«']) && !c.future;
            let close = sim >= 0.7 || (same_fact && sim >= 0.6);
            if a < b && close && ca.negated != cb.negated && plain(ca) && plain(cb) && seen.insert((a, b)) {
                let cells = [a, b].iter().map(|&c| Cell::new(c, index.claims[c].text.clone())).collect();
                rows.push(Row {
                    topic: format!("Conflicting accounts: {}", namer.context(&[a, b], 4)),
                    kind: DisagreementKind::Other,
                    cells,
                });
            }
        }
    }
    rows
}

/// Quotations that outlets word differently.
fn wording_rows(quotes: &[Quote], sources: &[Source], people: &[Person]) -> Vec<Disagreement> {
    let position: HashMap<&str, usize> = sources.iter().enumerate().map(|(i, s)| (s.id.as_str(), i)).collect();
    let mut person: HashMap<&str, &Person> = HashMap::new();
    for p in people {
        person.entry(p.id.as_str()).or_insert(p);
    }
    quotes
        .iter()
        .filter(|q| q.wordings_differ)
        .filter_map(|q| {
            let mut by_source: Vec<&crate::model::QuoteOccurrence> = Vec::new();
            let mut seen = std::collections::HashSet::new();
            for o in &q.occurrences {
                if seen.insert(o.source.as_str()) {
                    by_source.push(o);
                }
            }
            if by_source.len() < 2 {
                return None;
            }
            by_source.sort_by_key(|o| position.get(o.source.as_str()).copied().unwrap_or(usize::MAX));
            let speaker = q
                .speaker
                .as_ref()
                .and_then(|id| person.get(id.as_str()))
                .map(|p| p.name.clone())
                .or_else(|| q.speaker_name.clone())
                .unwrap_or_else(|| "an unnamed speaker".into());
            let opening: String = crate::text::shorten(&q.text, 40);
            let topic = format!("Wording of {speaker}: “{opening}”");
            let values = by_source
                .iter()
                .map(|o| DisagreementValue {
                    source: o.source.clone(),
                    value: Some(o.text.clone()),
                    evidence: Some(Evidence { paragraph: o.paragraph, text: o.text.clone() }),
                })
                .collect();
            Some(Disagreement {
                id: row_id(&topic, DisagreementKind::Wording),
                topic,
                kind: DisagreementKind::Wording,
                values,
            })
        })
        .collect()
}

fn row_id(topic: &str, kind: DisagreementKind) -> String {
    let slug = slug(topic);
    let short: String = slug.split('-').take(6).collect::<Vec<_>>().join("-");
    format!("d-{short}-{:06x}", short_hash(&format!("{kind:?}|{topic}")) & 0xffffff)
}

fn build(row: Row, index: &ClaimIndex, sources: &[Source]) -> Disagreement {
    let mut cells = row.cells;
    cells.sort_by_key(|c| index.refs[c.claim]);
    let values = cells
        .iter()
        .map(|cell| {
            let claim = index.claims[cell.claim];
            DisagreementValue {
                source: sources[index.refs[cell.claim].source].id.clone(),
                value: Some(cell.value.clone()),
                evidence: Some(Evidence { paragraph: claim.paragraph, text: claim.text.clone() }),
            }
        })
        .collect();
    let evidence: Vec<String> = cells.iter().map(|c| format!("{:?}", index.refs[c.claim])).collect();
    let id = row_id(&format!("{}|{}", row.topic, evidence.join(",")), row.kind);
    Disagreement { id, topic: row.topic, kind: row.kind, values }
}

/// Rows with the most outlets speaking first, then by kind, then by first source.
fn order(rows: &mut [Disagreement], sources: &[Source]) {
    let position: HashMap<&str, usize> = sources.iter().enumerate().map(|(i, s)| (s.id.as_str(), i)).collect();
    rows.sort_by_key(|d| {
        let first =
            d.values.iter().filter_map(|v| position.get(v.source.as_str())).min().copied().unwrap_or(usize::MAX);
        (std::cmp::Reverse(d.values.len()), d.kind, first, d.topic.clone())
    });
}

/// Makes topic names from the words of a row's claims.
struct Namer<'a> {
    index: &'a ClaimIndex<'a>,
    stemmer: Stemmer,
    knowledge: &'a Knowledge,
    people: &'a [Person],
}

impl Namer<'_> {
    fn stem(&self, word: &str) -> String {
        let folded = fold(word).replace('-', "");
        let stem = self.stemmer.stem(&folded);
        self.knowledge.canonical_stem(&stem).to_string()
    }

    /// The words several of the claims share, as they are written ("call", "Trump").
    fn context(&self, claims: &[usize], n: usize) -> String {
        self.context_of(claims, n, |_| true)
    }

    /// The words several claims share, among the keys `keep` accepts.
    fn context_of(&self, claims: &[usize], n: usize, keep: impl Fn(&str) -> bool) -> String {
        let shared = self.index.shared_keys(claims).into_iter().filter(|k| keep(k));
        let mut out: Vec<String> = Vec::new();
        for key in shared {
            if out.len() >= n {
                break;
            }
            if key.ends_with("li") || key.ends_with("ly") {
                continue;
            }
            let word = if let Some(name) = key.strip_prefix("c:").or(key.strip_prefix("o:")).or(key.strip_prefix("r:"))
            {
                Some(name.to_string())
            } else if let Some(p) = key.strip_prefix("p:") {
                p.parse::<usize>().ok().and_then(|p| self.people.get(p)).map(|p| p.name.clone())
            } else if key.starts_with("d:") {
                None
            } else {
                self.surface(key, claims)
            };
            if let Some(word) = word.filter(|w| !out.contains(w)) {
                out.push(word);
            }
        }
        if out.is_empty() { "the same matter".into() } else { out.join(", ") }
    }

    /// The word of the claims whose stem is `key`, as written (lower case unless a name).
    fn surface(&self, key: &str, claims: &[usize]) -> Option<String> {
        claims.iter().find_map(|&c| {
            words(&self.index.claims[c].text)
                .into_iter()
                .find(|w| self.stem(&w.to_lowercase()) == key)
                .map(str::to_string)
        })
    }

    /// How an entity key reads: "c:France" is France, "p:3" the person's name.
    fn entity_name(&self, key: &str) -> String {
        match key.split_once(':') {
            Some(("p", n)) => {
                n.parse::<usize>().ok().and_then(|n| self.people.get(n)).map_or(key.to_string(), |p| p.name.clone())
            }
            Some((_, name)) => name.to_string(),
            None => key.to_string(),
        }
    }

    /// "Number of countries", "Death toll", "Duration in years", "Amount (EUR)".
    fn number_topic(&self, kind: &str, claims: &[usize]) -> String {
        match kind.split_once(':') {
            Some(("m", measure)) => {
                self.knowledge.measure_topic(measure).map_or_else(|| format!("Number of {measure}"), str::to_string)
            }
            None if kind == "money" => "Amount of money".to_string(),
            Some(("u", _)) => {
                let unit =
                    self.index.claims[claims[0]].quantities.iter().find_map(|q| q.unit.clone()).unwrap_or_default();
                format!("Number of {unit}")
            }
            _ => "Percentage".to_string(),
        }
    }

    /// "Countries willing to send troops to Ukraine", from the words after the list.
    fn list_topic(&self, claim: &crate::extract::Claim, list: &str, others: &[usize], people: bool) -> String {
        let Some(phrase) = self.predicate_phrase(&claim.text, list) else {
            // Places are the list's items, not what is said of them.
            let about = self.context_of(others, 1, |k| !k.contains(':') && !self.knowledge.is_measure_stem(k));
            return format!("{} listed: {about}", if people { "People" } else { "Countries" });
        };
        let head = if people { "People" } else { "Countries" };
        if phrase.split(' ').next().is_some_and(|w| w.ends_with("ed") && !w.eq_ignore_ascii_case("prepared")) {
            format!("{head} who {phrase}").replace("Countries who", "Countries that")
        } else {
            format!("{head} {phrase}")
        }
    }

    /// What a claim says of the list in it, from the words after the list:
    /// "willing to send troops to Ukraine", "ruled out sending troops".
    fn predicate_phrase(&self, text: &str, list: &str) -> Option<String> {
        let after = text.find(list).map(|i| &text[i + list.len()..]).unwrap_or("");
        let toks = tokens(after);
        let skippable = |t: &crate::text::Token| {
            let lower = t.text.to_lowercase();
            t.kind == crate::text::TokenKind::Punct
                || t.is_capitalised()
                || self.knowledge.is_stopword(t.text)
                || self.knowledge.speech_verb_at(&[lower.as_str()]).is_some()
                || self.knowledge.is_topic_filler(&lower)
        };
        let start = toks.iter().position(|t| !skippable(t))?;
        let mut phrase: Vec<&crate::text::Token> =
            toks[start..].iter().take_while(|t| !matches!(t.text, "," | "." | ";" | ":")).take(6).collect();
        // "voted to keep the rate at": a phrase ends on a word that carries meaning.
        while phrase.last().is_some_and(|t| self.knowledge.is_stopword(t.text)) {
            phrase.pop();
        }
        let (first, last) = (phrase.first()?, phrase.last()?);
        Some(after[first.start..last.end()].to_string())
    }
}

/// Ages outlets give one person ("Hrytsenko, 38," and "Hrytsenko, 41,"): a
/// row per person whose outlets disagree. People are the merged people, so
/// spellings and namesakes are already settled.
pub fn age_rows(sources: &[Source], findings: &[Findings], map: &PersonMap, people: &[Person]) -> Vec<Disagreement> {
    // Global person → (source, paragraph, age, offset), one per outlet.
    let mut ages: std::collections::BTreeMap<usize, Vec<(usize, usize, u32, usize)>> = Default::default();
    for (s, found) in findings.iter().enumerate() {
        for (l, local) in found.people.iter().enumerate() {
            let Some(global) = map[s].get(l).copied().flatten() else { continue };
            let entry = ages.entry(global).or_default();
            let outlet = crate::outlets::key(&sources[s]);
            if let Some(&(para, age, offset)) = local.ages.first()
                && !entry.iter().any(|&(t, ..)| crate::outlets::key(&sources[t]) == outlet)
            {
                entry.push((s, para, age, offset));
            }
        }
    }
    let mut rows = Vec::new();
    for (global, given) in ages {
        if given.len() < 2 || given.iter().all(|g| g.2 == given[0].2) {
            continue;
        }
        let topic = format!("Age of {}", people[global].name);
        let values = given
            .iter()
            .map(|&(s, para, age, offset)| {
                let claim = findings[s].claims.iter().find(|c| c.paragraph == para && c.range.contains(&offset));
                let text = claim.map(|c| c.text.clone()).unwrap_or_else(|| paragraph_text(&sources[s], para));
                DisagreementValue {
                    source: sources[s].id.clone(),
                    value: Some(age.to_string()),
                    evidence: Some(Evidence { paragraph: para, text }),
                }
            })
            .collect();
        rows.push(Disagreement {
            id: row_id(&topic, DisagreementKind::Number),
            topic,
            kind: DisagreementKind::Number,
            values,
        });
    }
    rows
}

/// A paragraph's text by its number (0 is the title).
fn paragraph_text(source: &Source, n: usize) -> String {
    if n == 0 {
        return source.title.clone().unwrap_or_default();
    }
    source.paragraphs.iter().find(|p| p.n == n).map(|p| p.text.clone()).unwrap_or_default()
}
