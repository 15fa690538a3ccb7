//! Stage 4, the model: puts the loaded sources and what the later stages
//! found into one [`Briefing`], and settles the event's title and date
//! (from `briefing.toml`, else from the sources).

use std::collections::{BTreeMap, HashSet};

use crate::compare::Compared;
use crate::config::Config;
use crate::knowledge::Knowledge;
use crate::load::Loaded;
use crate::model::{Briefing, Event, Origin, SCHEMA_VERSION, Source};
use crate::text::{fold, words};

/// Builds the briefing from the loaded sources.
pub fn assemble(loaded: Loaded, compared: Compared, config: &Config, knowledge: &Knowledge) -> Briefing {
    let (title, title_origin) = match &config.title {
        Some(title) => (title.clone(), Origin::Config),
        None => (infer_title(&loaded.sources, knowledge), Origin::Inferred),
    };
    let (date, date_origin) = match &config.date {
        Some(date) => (Some(date.value.clone()), Some(Origin::Config)),
        None => match most_common_date(&loaded.sources) {
            Some(date) => (Some(date), Some(Origin::Inferred)),
            None => (None, None),
        },
    };
    Briefing {
        schema_version: SCHEMA_VERSION,
        event: Event { title, date, title_origin, date_origin, summary: config.summary.clone() },
        sources: loaded.sources,
        people: compared.people,
        quotes: compared.quotes,
        terms: compared.terms,
        facts: Vec::new(),
        key_points: Vec::new(),
        timeline: Vec::new(),
        disagreements: Vec::new(),
        skipped: loaded.skipped,
    }
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
    let best = sources
        .iter()
        .enumerate()
        .filter_map(|(i, s)| s.title.as_ref().map(|t| (i, t)))
        .map(|(i, title)| {
            let words = salient(title, knowledge);
            let shared: usize = bodies
                .iter()
                .enumerate()
                .filter(|(j, _)| *j != i)
                .map(|(_, body)| words.iter().filter(|w| body.contains(*w)).count())
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

/// The publication date most sources share; the earliest among equals.
fn most_common_date(sources: &[Source]) -> Option<String> {
    let mut counts: BTreeMap<&str, usize> = BTreeMap::new();
    for date in sources.iter().filter_map(|s| s.published.as_deref()) {
        *counts.entry(date).or_default() += 1;
    }
    let max = counts.values().copied().max()?;
    counts.into_iter().find(|(_, n)| *n == max).map(|(d, _)| d.to_string())
}
