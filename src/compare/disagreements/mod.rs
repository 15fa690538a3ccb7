//! Where outlets that speak of the same thing differ: numbers beyond what
//! their approximations allow, lists naming different places, incompatible
//! manners (by telephone vs by video), different dates for one event,
//! opposite claims, and differently worded quotations. Each row is built
//! from aligned claims only; its topic name is made from the claims' words.

use std::collections::HashMap;

use super::claims::ClaimIndex;
use super::people::PersonMap;
use super::people::slug;
use super::quotes::short_hash;
use crate::extract::Findings;
use crate::extract::quantities::Quantity;
use crate::knowledge::Knowledge;
use crate::model::{Disagreement, DisagreementKind, DisagreementValue, Evidence, Person, Quote, Source};
use crate::text::{fold, same_word_start, tokens, words};

mod events;
mod lists;
mod naming;
mod numbers;
mod persons;

use events::{contradiction_rows, date_rows, manner_rows};
use lists::list_rows;
use naming::Namer;
use numbers::{merge_repeated_rows, number_rows};
pub use persons::age_rows;
use persons::wording_rows;

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
    let namer = Namer::new(index, knowledge, people);
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

/// Share of the words around two figures that they have in common (1 when neither has any).
fn context_likeness(a: &[String], b: &[String]) -> f32 {
    if a.is_empty() && b.is_empty() {
        return 1.0;
    }
    // "fined" and "fine", "depth" and "depths": one word's beginning is the other.
    let shared = a.iter().filter(|w| b.iter().any(|v| same_word_start(w, v))).count();
    shared as f32 / a.len().max(b.len()).max(1) as f32
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
