//! Stage 3, comparison: puts what the sources say side by side. People and
//! quotations found in several sources are merged, claims are aligned into
//! facts and a timeline, and the places where outlets differ are found.

pub mod claims;
pub mod disagreements;
pub mod people;
pub mod quotes;
pub mod timeline;

use crate::extract::Findings;
use crate::knowledge::Knowledge;
use crate::model::{Disagreement, Fact, Person, Quote, Source, Term, TimelineEntry};
use crate::timing::time;

/// Everything the comparison found.
#[derive(Debug, Clone, PartialEq)]
pub struct Compared {
    pub people: Vec<Person>,
    pub quotes: Vec<Quote>,
    pub terms: Vec<Term>,
    /// Facts, most outlets and weightiest first.
    pub facts: Vec<Fact>,
    pub timeline: Vec<TimelineEntry>,
    pub disagreements: Vec<Disagreement>,
}

/// Compares the sources' findings.
pub fn compare(sources: &[Source], findings: &[Findings], knowledge: &Knowledge) -> Compared {
    let merged = time("compare: people", || people::merge(sources, findings, knowledge));
    let quotes = time("compare: quotes", || quotes::merge(sources, findings, &merged.map, &merged.people, knowledge));
    let mut people = merged.people;
    let mut position: std::collections::HashMap<String, usize> = std::collections::HashMap::new();
    for (i, person) in people.iter().enumerate() {
        position.entry(person.id.clone()).or_insert(i);
    }
    for quote in &quotes {
        if let Some(&i) = quote.speaker.as_ref().and_then(|id| position.get(id)) {
            people[i].quote_count += 1;
        }
    }
    let terms = quotes::terms(sources, findings);
    let index = time("compare: index", || claims::ClaimIndex::new(sources, findings, &merged.map, knowledge));
    let (facts, fact_of) = time("compare: facts", || claims::facts(&index, sources));
    let timeline = time("compare: timeline", || timeline::build(&index, &fact_of, sources));
    let mut disagreements =
        time("compare: disagreements", || disagreements::find(&index, &fact_of, sources, &quotes, &people, knowledge));
    disagreements.extend(disagreements::age_rows(sources, findings, &merged.map, &people));
    Compared { people, quotes, terms, facts, timeline, disagreements }
}
