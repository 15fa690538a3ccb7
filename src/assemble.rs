//! Stage 4, the model: puts the loaded sources and what the later stages
//! found into one [`Briefing`], and settles the event's title and date
//! (from `briefing.toml`, else from the sources).

use std::collections::{BTreeMap, HashMap, HashSet};

use crate::compare::Compared;
use crate::config::Config;
use crate::diag::Diagnostics;
use crate::knowledge::Knowledge;
use crate::load::Loaded;
use crate::model::{Briefing, Disagreement, Event, Fact, Origin, SCHEMA_VERSION, Source, TimelineEntry};
use crate::text::{fold, words};

/// How many facts the key points show, besides those the editor pinned.
const KEY_POINTS: usize = 10;

/// Builds the briefing from the loaded sources and what the comparison found,
/// applying the editor's decisions from `briefing.toml`.
pub fn assemble(
    loaded: Loaded,
    compared: Compared,
    config: &Config,
    knowledge: &Knowledge,
    diags: &mut Diagnostics,
) -> Briefing {
    let (title, title_origin) = match &config.title {
        Some(title) => (title.clone(), Origin::Config),
        None => (infer_title(&loaded.sources, knowledge), Origin::Inferred),
    };
    let (date, date_origin) = match &config.date {
        Some(date) => (Some(date.value.clone()), Some(Origin::Config)),
        None => match most_common_date(&loaded.sources).or_else(|| busiest_day(&compared.timeline)) {
            Some(date) => (Some(date), Some(Origin::Inferred)),
            None => (None, None),
        },
    };
    let mut facts = compared.facts;
    let key_points = key_points(&mut facts, config, diags);
    let disagreements = edit_disagreements(compared.disagreements, config, diags);
    Briefing {
        schema_version: SCHEMA_VERSION,
        event: Event { title, date, title_origin, date_origin, summary: config.summary.clone() },
        sources: loaded.sources,
        people: compared.people,
        quotes: compared.quotes,
        terms: compared.terms,
        facts,
        key_points,
        timeline: compared.timeline,
        disagreements,
        skipped: loaded.skipped,
    }
}

/// The pinned facts, then the best-supported ones (carried by two or more outlets).
fn key_points(facts: &mut [Fact], config: &Config, diags: &mut Diagnostics) -> Vec<String> {
    let mut points = Vec::new();
    for pin in &config.pin {
        match facts.iter_mut().find(|f| f.id == pin.value) {
            Some(fact) => {
                fact.pinned = true;
                points.push(fact.id.clone());
            }
            None => config.warn_unmatched(diags, "fact", pin),
        }
    }
    for fact in facts.iter().filter(|f| f.outlets >= 2 && !f.pinned).take(KEY_POINTS) {
        points.push(fact.id.clone());
    }
    points
}

/// Applies merge, rename and hide to the disagreement rows, in that order.
fn edit_disagreements(mut rows: Vec<Disagreement>, config: &Config, diags: &mut Diagnostics) -> Vec<Disagreement> {
    for merge in &config.merge {
        let Some(into) = rows.iter().position(|d| d.id == merge.into.value) else {
            config.warn_unmatched(diags, "disagreement", &merge.into);
            continue;
        };
        for from in &merge.from {
            let Some(at) = rows.iter().position(|d| d.id == from.value) else {
                config.warn_unmatched(diags, "disagreement", from);
                continue;
            };
            let absorbed = rows[at].values.clone();
            for value in absorbed {
                if !rows[into].values.iter().any(|v| v.source == value.source && v.value.is_some()) {
                    rows[into].values.retain(|v| v.source != value.source);
                    rows[into].values.push(value);
                }
            }
            rows[at].values.clear();
        }
    }
    rows.retain(|d| !d.values.is_empty());
    for (id, name) in &config.rename {
        match rows.iter_mut().find(|d| &d.id == id) {
            Some(row) => row.topic = name.value.clone(),
            None => config.warn_unmatched(
                diags,
                "disagreement",
                &crate::config::Located { value: id.clone(), line: name.line },
            ),
        }
    }
    for hide in &config.hide {
        if !rows.iter().any(|d| d.id == hide.value) {
            config.warn_unmatched(diags, "disagreement", hide);
        }
    }
    rows.retain(|d| !config.hide.iter().any(|h| h.value == d.id));
    rows
}

/// The day most outlets date something to, when no publication date is known.
fn busiest_day(timeline: &[TimelineEntry]) -> Option<String> {
    timeline
        .iter()
        .filter(|t| t.date.len() == 10)
        .max_by_key(|t| (t.sources.len(), std::cmp::Reverse(t.date.clone())))
        .map(|t| t.date.clone())
}

/// The salient words of a text: folded, not stop words, at least three letters.
fn salient(text: &str, knowledge: &Knowledge) -> HashSet<String> {
    words(&fold(text))
        .into_iter()
        .filter(|w| w.chars().count() >= 3 && !knowledge.is_stopword(w))
        .map(str::to_string)
        .collect()
}

/// The headline that best represents all sources: the one whose words the
/// other articles share most. Verbatim, so the title is never invented.
fn infer_title(sources: &[Source], knowledge: &Knowledge) -> String {
    let bodies: Vec<HashSet<String>> = sources
        .iter()
        .map(|s| salient(&s.paragraphs.iter().map(|p| p.text.as_str()).collect::<Vec<_>>().join(" "), knowledge))
        .collect();
    // How many bodies hold each word: a headline's words found in the other
    // bodies are then counted without comparing it with every body.
    let mut holding: HashMap<&str, usize> = HashMap::new();
    for body in &bodies {
        for word in body {
            *holding.entry(word.as_str()).or_default() += 1;
        }
    }
    let best = sources
        .iter()
        .enumerate()
        .filter_map(|(i, s)| s.title.as_ref().map(|t| (i, t)))
        .map(|(i, title)| {
            let words = salient(title, knowledge);
            let shared: usize = words
                .iter()
                .map(|w| holding.get(w.as_str()).copied().unwrap_or(0) - usize::from(bodies[i].contains(w)))
                .sum();
            let score = shared as f64 / words.len().max(1) as f64;
            (score, std::cmp::Reverse(i), title)
        })
        .max_by(|a, b| a.0.total_cmp(&b.0).then(a.1.cmp(&b.1)));
    match best {
        Some((_, _, title)) => title.clone(),
        None => format!("Briefing on {} article{}", sources.len(), if sources.len() == 1 { "" } else { "s" }),
    }
}

/// The date relative expressions fall back on when a source has none of its
/// own: the configured date, else the publication date most sources share.
pub fn event_date(sources: &[Source], config: &Config) -> Option<chrono::NaiveDate> {
    let date = config.date.as_ref().map(|d| d.value.clone()).or_else(|| most_common_date(sources))?;
    chrono::NaiveDate::parse_from_str(&date, "%Y-%m-%d").ok()
}

/// The publication date most sources share; the earliest among equals.
fn most_common_date(sources: &[Source]) -> Option<String> {
    let mut counts: BTreeMap<&str, usize> = BTreeMap::new();
    for date in sources.iter().filter_map(|s| s.published.as_deref()) {
        *counts.entry(date).or_default() += 1;
    }
    let max = counts.values().copied().max()?;
    counts.into_iter().find(|(_, n)| *n == max).map(|(d, _)| d.to_string())
}
