//! Number rows: figures of one kind from several outlets whose intervals do
//! not all overlap, found through the claim index and, for large counts,
//! through closeness of value.

use super::*;

/// Numbers: quantities of one kind in claims about the same matter, from
/// several outlets, whose intervals do not all overlap.
pub(super) fn number_rows(index: &ClaimIndex, namer: &Namer, knowledge: &Knowledge) -> Vec<Row> {
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
pub(super) fn merge_repeated_rows(rows: &mut Vec<Row>, index: &ClaimIndex) {
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
pub(super) fn compared_interval(q: &Quantity) -> (f64, f64) {
    match q.total {
        Some(total) => (total, total),
        None => (q.low, q.high),
    }
}
