//! Stage 3, comparison: puts what the sources say side by side. People and
//! quotations found in several sources are merged; later stages of this
//! module align claims and find where outlets disagree.

pub mod people;
pub mod quotes;

use crate::extract::Findings;
use crate::knowledge::Knowledge;
use crate::model::{Person, Quote, Source, Term};

/// Everything the comparison found.
#[derive(Debug, Clone, PartialEq)]
pub struct Compared {
    pub people: Vec<Person>,
    pub quotes: Vec<Quote>,
    pub terms: Vec<Term>,
}

/// Compares the sources' findings.
pub fn compare(sources: &[Source], findings: &[Findings], knowledge: &Knowledge) -> Compared {
    let merged = people::merge(sources, findings, knowledge);
    let quotes = quotes::merge(sources, findings, &merged.map, &merged.people, knowledge);
    let mut people = merged.people;
    for quote in &quotes {
        if let Some(person) = quote.speaker.as_ref().and_then(|id| people.iter_mut().find(|p| &p.id == id)) {
            person.quote_count += 1;
        }
    }
    let terms = quotes::terms(sources, findings);
    Compared { people, quotes, terms }
}
