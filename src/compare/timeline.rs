//! The timeline: every dated claim, merged with other outlets' claims about
//! the same event on a compatible date, in date order. An event only one
//! outlet dates, or that outlets date differently, is marked.

use std::collections::HashMap;

use super::claims::ClaimIndex;
use crate::model::{Source, TimelineEntry, TimelineSource};
use crate::text::dates::{Date, Precision};

/// Dated claims this similar describe the same event.
const SAME_EVENT: f32 = 0.4;

struct Dated {
    claim: usize,
    mention: usize,
    date: Date,
}

/// Builds the timeline from the claims and the facts they belong to.
pub fn build(index: &ClaimIndex, fact_of: &[Option<usize>], sources: &[Source]) -> Vec<TimelineEntry> {
    let mut dated: Vec<Dated> = Vec::new();
    for (c, claim) in index.claims.iter().enumerate() {
        for (m, d) in claim.dates.iter().enumerate() {
            // A bare year ("in 2008") dates an event only when nothing finer does.
            if d.date.precision == Precision::Year && claim.dates.iter().any(|o| o.date.precision > Precision::Year) {
                continue;
            }
            dated.push(Dated { claim: c, mention: m, date: d.date });
        }
    }
    // Candidates: dated claims that share rare keys with this one, or the same fact.
    let mut dated_of: HashMap<usize, Vec<usize>> = HashMap::new();
    for (i, d) in dated.iter().enumerate() {
        dated_of.entry(d.claim).or_default().push(i);
    }
    // The dated mentions of each fact not yet in an entry; pruned as they join one, so
    // that the facts thousands of sources carry are not gone through again for every entry.
    let mut fact_dated: HashMap<usize, Vec<usize>> = HashMap::new();
    for (c, f) in fact_of.iter().enumerate() {
        if let Some(f) = f {
            fact_dated.entry(*f).or_default().extend(dated_of.get(&c).into_iter().flatten().copied());
        }
    }
    let mut group_of: Vec<Option<usize>> = vec![None; dated.len()];
    let mut groups: Vec<Vec<usize>> = Vec::new();
    for i in 0..dated.len() {
        if group_of[i].is_some() {
            continue;
        }
        let g = groups.len();
        group_of[i] = Some(g);
        let mut members = vec![i];
        let claim = dated[i].claim;
        let same_fact = fact_of[claim].and_then(|f| fact_dated.get_mut(&f)).map(|open| {
            open.retain(|&j| group_of[j].is_none());
            open.clone()
        });
        let mut near: Vec<usize> = index
            .neighbours(claim)
            .into_iter()
            .filter(|(_, sim)| *sim >= SAME_EVENT)
            .flat_map(|(c, _)| dated_of.get(&c).cloned().unwrap_or_default())
            .chain(same_fact.into_iter().flatten())
            .collect();
        near.sort_unstable();
        near.dedup();
        for j in near {
            let other_source =
                members.iter().all(|&m| index.refs[dated[m].claim].source != index.refs[dated[j].claim].source);
            let alike = index.shared_content_weight(claim, dated[j].claim) > 0.0;
            if group_of[j].is_none() && other_source && alike && dated[i].date.compatible(&dated[j].date) {
                group_of[j] = Some(g);
                members.push(j);
            }
        }
        groups.push(members);
    }
    // Events of one fact dated incompatibly by different outlets (claims
    // giving a single date; a claim with two dates speaks of two events).
    let mut fact_dates: HashMap<usize, Vec<(usize, Date)>> = HashMap::new();
    for d in &dated {
        if let Some(f) = fact_of[d.claim]
            && index.claims[d.claim].dates.len() == 1
        {
            fact_dates.entry(f).or_default().push((index.outlet[d.claim], d.date));
        }
    }
    let outlet_count = |members: &[usize]| {
        let mut outlets: Vec<usize> = members.iter().map(|&m| index.outlet[dated[m].claim]).collect();
        outlets.sort_unstable();
        outlets.dedup();
        outlets.len()
    };
    let mut entries: Vec<(Date, Option<String>, TimelineEntry)> = groups
        .iter()
        .map(|members| {
            let mut members = members.clone();
            members.sort_by_key(|&m| (std::cmp::Reverse(dated[m].date.precision), index.refs[dated[m].claim]));
            let lead = &dated[members[0]];
            let claim = index.claims[lead.claim];
            let time = members.iter().find_map(|&m| index.claims[dated[m].claim].dates[dated[m].mention].time.clone());
            let differ = members.iter().any(|&m| {
                let outlet = index.outlet[dated[m].claim];
                index.claims[dated[m].claim].dates.len() == 1
                    && fact_of[dated[m].claim]
                        .and_then(|f| fact_dates.get(&f))
                        .is_some_and(|dates| dates.iter().any(|(o, d)| *o != outlet && !d.compatible(&dated[m].date)))
            });
            let mut by_source = members.clone();
            by_source.sort_by_key(|&m| index.refs[dated[m].claim]);
            let entry = TimelineEntry {
                date: lead.date.iso(),
                time: time.clone(),
                text: claim.text.clone(),
                sources: by_source
                    .iter()
                    .map(|&m| {
                        let d = &index.claims[dated[m].claim].dates[dated[m].mention];
                        TimelineSource {
                            source: sources[index.refs[dated[m].claim].source].id.clone(),
                            paragraph: index.claims[dated[m].claim].paragraph,
                            expression: d.expression.clone(),
                            date: d.date.iso(),
                            resolved_from: d.resolved_from.to_string(),
                        }
                    })
                    .collect(),
                single_source: outlet_count(&members) == 1,
                dates_differ: differ,
            };
            (lead.date, time, entry)
        })
        .collect();
    entries.sort_by(|a, b| {
        a.0.day
            .cmp(&b.0.day)
            .then(a.0.precision.cmp(&b.0.precision))
            .then(a.1.cmp(&b.1))
            .then(a.2.sources[0].source.cmp(&b.2.sources[0].source))
            .then(a.2.sources[0].paragraph.cmp(&b.2.sources[0].paragraph))
    });
    entries.into_iter().map(|(_, _, e)| e).collect()
}
