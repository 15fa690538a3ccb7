//! Which sources count as independent outlets. Corroboration counts outlets,
//! not articles: two articles from one outlet are one voice. A source whose
//! outlet is unknown counts as its own outlet, since nothing says otherwise.

use std::collections::HashSet;

use crate::model::Source;

/// The identity of a source's outlet, for counting distinct outlets.
pub fn key(source: &Source) -> String {
    match &source.outlet {
        Some(outlet) => format!("outlet:{}", crate::text::fold(outlet)),
        None => format!("source:{}", source.id),
    }
}

/// Number of distinct outlets among `sources`.
pub fn count(sources: &[Source]) -> usize {
    sources.iter().map(key).collect::<HashSet<_>>().len()
}
