//! How and when: manners that exclude each other, dates and clock times of
//! one event that cannot both hold, and statements another outlet negates.

use super::*;

/// Manner: claims about the same matter giving manners that exclude each
/// other ("by videoconference" and "by telephone").
pub(super) fn manner_rows(index: &ClaimIndex, namer: &Namer, knowledge: &Knowledge) -> Vec<Row> {
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
pub(super) fn date_rows(index: &ClaimIndex, fact_of: &[Option<usize>], namer: &Namer) -> Vec<Row> {
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
        let shared: Vec<&str> = contexts[0]
            .iter()
            .filter(|w| contexts[1..].iter().any(|c| c.iter().any(|v| same_word_start(w, v))))
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
pub(super) fn contradiction_rows(index: &ClaimIndex, fact_of: &[Option<usize>], namer: &Namer) -> Vec<Row> {
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
