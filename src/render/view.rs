//! The presentation view of the model that templates receive: the same data,
//! joined up for display (source labels and links beside every citation,
//! human-readable dates, quotations grouped by speaker). It adds no facts;
//! it only re-shapes what the model holds.

use std::collections::HashMap;

use serde::Serialize;

use crate::model::{Briefing, Citation, DisagreementKind, Origin, ParagraphKind, RemovalReason, Source};
use crate::text::dates::human_date;

/// How many items the summary pages show before linking to the full lists.
pub const SUMMARY_LIMIT: usize = 25;
/// Rows per page of the full lists in HTML.
pub const PAGE_SIZE: usize = 500;
/// Citations shown with one fact, quotation, timeline entry or term; the
/// rest are counted. A statement carried by thousands of articles would
/// otherwise fill pages with citation marks; the JSON keeps them all.
pub const CITE_LIMIT: usize = 12;
/// Beyond this many outlet columns a disagreement table cannot be read: each
/// row becomes a list of the values given, with the outlets giving each.
pub const TABLE_MAX_COLUMNS: usize = 6;

/// Everything the templates show.
#[derive(Debug, Serialize)]
pub struct SiteView {
    pub event: EventView,
    pub stats: Stats,
    pub sources: Vec<SourceView>,
    pub key_points: Vec<FactView>,
    pub single_source: Vec<FactView>,
    pub disagreements: Vec<DisagreementView>,
    /// Source columns of the disagreement table: the sources that appear in any row.
    pub disagreement_columns: Vec<SourceRef>,
    /// Whether the disagreements fit a table (few outlet columns) or are listed by value.
    pub disagreement_table: bool,
    pub timeline: Vec<TimelineView>,
    pub speakers: Vec<SpeakerView>,
    pub people: Vec<PersonView>,
    pub terms: Vec<TermView>,
    pub skipped: Vec<SkippedView>,
}

#[derive(Debug, Serialize)]
pub struct EventView {
    pub title: String,
    pub date: Option<String>,
    pub date_human: Option<String>,
    pub title_inferred: bool,
    pub summary: Option<String>,
}

#[derive(Debug, Serialize)]
pub struct Stats {
    pub sources: usize,
    pub outlets: usize,
    pub words: usize,
    pub paragraphs: usize,
    pub removed: usize,
    pub people: usize,
    pub quotes: usize,
    pub facts: usize,
    pub disagreements: usize,
    pub timeline: usize,
    pub terms: usize,
}

/// A source as the lists and pages show it.
#[derive(Debug, Serialize)]
pub struct SourceView {
    pub n: usize,
    pub id: String,
    pub path: String,
    pub label: String,
    pub outlet: Option<String>,
    pub title: Option<String>,
    pub byline: Option<String>,
    pub published: Option<String>,
    pub published_human: Option<String>,
    pub url: Option<String>,
    pub word_count: usize,
    pub href: String,
    /// Fields read off the text rather than given, e.g. ["title", "published"].
    pub inferred: Vec<String>,
    pub paragraph_count: usize,
    pub removed_count: usize,
}

/// A source's cleaned text and what was removed from it, for its own page.
#[derive(Debug, Serialize)]
pub struct SourceText {
    pub paragraphs: Vec<ParagraphView>,
    pub removed: Vec<RemovedView>,
}

impl SourceText {
    pub fn new(source: &Source) -> SourceText {
        SourceText {
            paragraphs: source
                .paragraphs
                .iter()
                .map(|p| ParagraphView { n: p.n, text: p.text.clone(), kind: kind_name(p.kind), line: p.line })
                .collect(),
            removed: source
                .removed
                .iter()
                .map(|r| RemovedView { text: r.text.clone(), reason: RemovalReason::describe(r.reason), line: r.line })
                .collect(),
        }
    }
}

#[derive(Debug, Serialize)]
pub struct ParagraphView {
    pub n: usize,
    pub text: String,
    pub kind: &'static str,
    pub line: usize,
}

#[derive(Debug, Serialize)]
pub struct RemovedView {
    pub text: String,
    pub reason: &'static str,
    pub line: usize,
}

/// A short reference to a source, for table columns.
#[derive(Debug, Clone, Serialize)]
pub struct SourceRef {
    pub n: usize,
    pub id: String,
    pub label: String,
}

/// A citation with what a reader needs to follow it.
#[derive(Debug, Clone, Serialize)]
pub struct CiteView {
    pub source: String,
    pub n: usize,
    pub label: String,
    pub paragraph: usize,
    /// Link from the site root: `sources/<id>.html#p7`.
    pub href: String,
    /// Text of the cited passage, where the item keeps one.
    pub text: Option<String>,
}

#[derive(Debug, Serialize)]
pub struct FactView {
    pub id: String,
    pub text: String,
    pub outlets: usize,
    pub pinned: bool,
    /// The first `CITE_LIMIT` citations; `more_cites` counts the others.
    pub cites: Vec<CiteView>,
    pub more_cites: usize,
}

#[derive(Debug, Serialize)]
pub struct DisagreementView {
    pub id: String,
    pub topic: String,
    pub kind: &'static str,
    /// One cell per column of `disagreement_columns` (none when listed by value).
    pub cells: Vec<CellView>,
    /// The values given, each with the sources giving it, most given first:
    /// the first `CITE_LIMIT`, and how many others there are.
    pub values: Vec<ValueView>,
    pub more_values: usize,
}

/// One value of a disagreement row and the sources that give it.
#[derive(Debug, Serialize)]
pub struct ValueView {
    pub value: String,
    /// How many sources give it.
    pub count: usize,
    /// The first `CITE_LIMIT` of them; `more` counts the others.
    pub cells: Vec<CellView>,
    pub more: usize,
}

#[derive(Debug, Clone, Serialize)]
pub struct CellView {
    pub label: String,
    pub n: usize,
    pub source: String,
    /// The paragraph of the evidence, when the source speaks.
    pub paragraph: Option<usize>,
    pub value: Option<String>,
    pub evidence: Option<String>,
    pub href: Option<String>,
}

#[derive(Debug, Serialize)]
pub struct TimelineView {
    pub date: String,
    pub date_human: String,
    pub time: Option<String>,
    pub text: String,
    pub single_source: bool,
    pub dates_differ: bool,
    /// The first `CITE_LIMIT` citations; `more_cites` counts the others.
    pub cites: Vec<TimelineCiteView>,
    pub more_cites: usize,
}

#[derive(Debug, Serialize)]
pub struct TimelineCiteView {
    pub cite: CiteView,
    pub expression: String,
    pub date: String,
    pub resolved_from: String,
}

/// Quotations of one speaker.
#[derive(Debug, Serialize)]
pub struct SpeakerView {
    pub name: String,
    pub person_id: Option<String>,
    pub roles: Vec<String>,
    pub quotes: Vec<QuoteView>,
}

#[derive(Debug, Serialize)]
pub struct QuoteView {
    pub id: String,
    pub text: String,
    pub wordings_differ: bool,
    pub outlets: usize,
    /// The first `CITE_LIMIT` occurrences; `more_occurrences` counts the others.
    pub occurrences: Vec<OccurrenceView>,
    pub more_occurrences: usize,
}

#[derive(Debug, Serialize)]
pub struct OccurrenceView {
    pub cite: CiteView,
    pub text: String,
    pub partial: bool,
    pub continued: Vec<String>,
}

#[derive(Debug, Serialize)]
pub struct PersonView {
    pub id: String,
    pub name: String,
    pub aliases: Vec<String>,
    pub roles: Vec<String>,
    pub outlets: usize,
    pub quote_count: usize,
    /// The first `CITE_LIMIT` mentions; `more_mentions` counts the others.
    pub mentions: Vec<CiteView>,
    pub more_mentions: usize,
}

#[derive(Debug, Serialize)]
pub struct TermView {
    pub text: String,
    pub outlets: usize,
    /// The first `CITE_LIMIT` uses; `more_uses` counts the others.
    pub uses: Vec<CiteView>,
    pub more_uses: usize,
}

#[derive(Debug, Serialize)]
pub struct SkippedView {
    pub path: String,
    pub reason: String,
}

/// Looks up a source's number and label by id.
struct Sources<'a> {
    by_id: HashMap<&'a str, (usize, &'a Source)>,
}

impl<'a> Sources<'a> {
    fn new(briefing: &'a Briefing) -> Self {
        Self { by_id: briefing.sources.iter().enumerate().map(|(i, s)| (s.id.as_str(), (i + 1, s))).collect() }
    }

    fn cite(&self, source: &str, paragraph: usize, text: Option<&str>) -> CiteView {
        let (n, label) = self.by_id.get(source).map_or((0, source.to_string()), |(n, s)| (*n, s.label.clone()));
        CiteView {
            source: source.to_string(),
            n,
            label,
            paragraph,
            href: paragraph_href(source, paragraph),
            text: text.map(str::to_string),
        }
    }

    fn reference(&self, source: &str) -> SourceRef {
        let (n, label) = self.by_id.get(source).map_or((0, source.to_string()), |(n, s)| (*n, s.label.clone()));
        SourceRef { n, id: source.to_string(), label }
    }
}

/// `sources/<id>.html#p<n>`; paragraph 0 (the title) links to the page top.
pub fn paragraph_href(source: &str, paragraph: usize) -> String {
    if paragraph == 0 { format!("sources/{source}.html#title") } else { format!("sources/{source}.html#p{paragraph}") }
}

fn kind_name(kind: ParagraphKind) -> &'static str {
    match kind {
        ParagraphKind::Body => "body",
        ParagraphKind::Heading => "heading",
        ParagraphKind::Standfirst => "standfirst",
        ParagraphKind::ListItem => "list_item",
    }
}

fn disagreement_kind(kind: DisagreementKind) -> &'static str {
    match kind {
        DisagreementKind::Number => "number",
        DisagreementKind::List => "list",
        DisagreementKind::Wording => "wording",
        DisagreementKind::Date => "date",
        DisagreementKind::SingleSource => "single-source",
        DisagreementKind::Other => "other",
    }
}

impl SiteView {
    pub fn new(briefing: &Briefing) -> SiteView {
        let lookup = Sources::new(briefing);
        let sources: Vec<SourceView> = briefing
            .sources
            .iter()
            .enumerate()
            .map(|(i, s)| SourceView {
                n: i + 1,
                id: s.id.clone(),
                path: s.path.clone(),
                label: s.label.clone(),
                outlet: s.outlet.clone(),
                title: s.title.clone(),
                byline: s.byline.clone(),
                published: s.published.clone(),
                published_human: s.published.as_deref().map(human_date),
                url: s.url.clone(),
                word_count: s.word_count,
                href: format!("sources/{}.html", s.id),
                inferred: s
                    .provenance
                    .iter()
                    .filter(|(_, o)| **o == Origin::Inferred)
                    .map(|(k, _)| k.clone())
                    .collect(),
                paragraph_count: s.paragraphs.len(),
                removed_count: s.removed.len(),
            })
            .collect();

        let facts: HashMap<&str, &crate::model::Fact> = briefing.facts.iter().map(|f| (f.id.as_str(), f)).collect();
        let fact_view = |f: &crate::model::Fact| FactView {
            id: f.id.clone(),
            text: f.text.clone(),
            outlets: f.outlets,
            pinned: f.pinned,
            cites: f
                .sources
                .iter()
                .take(CITE_LIMIT)
                .map(|s| lookup.cite(&s.source, s.paragraph, Some(&s.text)))
                .collect(),
            more_cites: f.sources.len().saturating_sub(CITE_LIMIT),
        };
        let key_points =
            briefing.key_points.iter().filter_map(|id| facts.get(id.as_str())).map(|f| fact_view(f)).collect();
        let single_source = briefing.facts.iter().filter(|f| f.single_source && !f.pinned).map(fact_view).collect();

        let mut column_ids: Vec<&str> = Vec::new();
        let mut is_column: std::collections::HashSet<&str> = std::collections::HashSet::new();
        for d in &briefing.disagreements {
            for v in &d.values {
                if is_column.insert(v.source.as_str()) {
                    column_ids.push(&v.source);
                }
            }
        }
        let order: HashMap<&str, usize> =
            briefing.sources.iter().enumerate().map(|(i, s)| (s.id.as_str(), i)).collect();
        column_ids.sort_by_key(|id| order.get(id).copied().unwrap_or(usize::MAX));
        let disagreement_columns: Vec<SourceRef> = column_ids.iter().map(|id| lookup.reference(id)).collect();
        let disagreement_table = disagreement_columns.len() <= TABLE_MAX_COLUMNS;
        let disagreements = briefing
            .disagreements
            .iter()
            .map(|d| {
                let cell = |source: &str, value: Option<&crate::model::DisagreementValue>| -> CellView {
                    let r = lookup.reference(source);
                    let evidence = value.and_then(|v| v.evidence.as_ref());
                    CellView {
                        label: r.label,
                        n: r.n,
                        source: source.to_string(),
                        paragraph: evidence.map(|e| e.paragraph),
                        value: value.and_then(|v| v.value.clone()),
                        evidence: evidence.map(|e| e.text.clone()),
                        href: evidence.map(|e| paragraph_href(source, e.paragraph)),
                    }
                };
                let cells: Vec<CellView> = if disagreement_table {
                    column_ids.iter().map(|id| cell(id, d.values.iter().find(|v| v.source == *id))).collect()
                } else {
                    Vec::new()
                };
                // Values in source order, grouped: the most given first.
                let mut speaking: Vec<&crate::model::DisagreementValue> =
                    d.values.iter().filter(|v| v.value.is_some()).collect();
                speaking.sort_by_key(|v| order.get(v.source.as_str()).copied().unwrap_or(usize::MAX));
                let mut groups: Vec<(&str, Vec<&crate::model::DisagreementValue>)> = Vec::new();
                let mut group_of: HashMap<&str, usize> = HashMap::new();
                for v in speaking {
                    let value = v.value.as_deref().unwrap_or_default();
                    let g = *group_of.entry(value).or_insert_with(|| {
                        groups.push((value, Vec::new()));
                        groups.len() - 1
                    });
                    groups[g].1.push(v);
                }
                groups.sort_by_key(|(_, given)| std::cmp::Reverse(given.len()));
                let more_values = groups.len().saturating_sub(CITE_LIMIT);
                let values = groups
                    .into_iter()
                    .take(CITE_LIMIT)
                    .map(|(value, given)| ValueView {
                        value: value.to_string(),
                        count: given.len(),
                        cells: given.iter().take(CITE_LIMIT).map(|v| cell(&v.source, Some(v))).collect(),
                        more: given.len().saturating_sub(CITE_LIMIT),
                    })
                    .collect();
                DisagreementView {
                    id: d.id.clone(),
                    topic: d.topic.clone(),
                    kind: disagreement_kind(d.kind),
                    cells,
                    values,
                    more_values,
                }
            })
            .collect();

        let timeline = briefing
            .timeline
            .iter()
            .map(|t| TimelineView {
                date: t.date.clone(),
                date_human: human_date(&t.date),
                time: t.time.clone(),
                text: t.text.clone(),
                single_source: t.single_source,
                dates_differ: t.dates_differ,
                more_cites: t.sources.len().saturating_sub(CITE_LIMIT),
                cites: t
                    .sources
                    .iter()
                    .take(CITE_LIMIT)
                    .map(|s| TimelineCiteView {
                        cite: lookup.cite(&s.source, s.paragraph, None),
                        expression: s.expression.clone(),
                        date: human_date(&s.date),
                        resolved_from: s.resolved_from.clone(),
                    })
                    .collect(),
            })
            .collect();

        let people_by_id: HashMap<&str, &crate::model::Person> =
            briefing.people.iter().map(|p| (p.id.as_str(), p)).collect();
        let mut speakers: Vec<SpeakerView> = Vec::new();
        let mut speaker_of: HashMap<(String, Option<String>), usize> = HashMap::new();
        for q in &briefing.quotes {
            let person = q.speaker.as_deref().and_then(|id| people_by_id.get(id));
            let name = person
                .map(|p| p.name.clone())
                .or_else(|| q.speaker_name.clone())
                .unwrap_or_else(|| "Unattributed".to_string());
            let quote = QuoteView {
                id: q.id.clone(),
                text: q.text.clone(),
                wordings_differ: q.wordings_differ,
                outlets: distinct(q.occurrences.iter().map(|o| o.source.as_str())),
                more_occurrences: q.occurrences.len().saturating_sub(CITE_LIMIT),
                occurrences: q
                    .occurrences
                    .iter()
                    .take(CITE_LIMIT)
                    .map(|o| OccurrenceView {
                        cite: lookup.cite(&o.source, o.paragraph, None),
                        text: o.text.clone(),
                        partial: o.partial,
                        continued: o.continued.iter().map(|c| c.text.clone()).collect(),
                    })
                    .collect(),
            };
            match speaker_of.get(&(name.clone(), q.speaker.clone())) {
                Some(&group) => speakers[group].quotes.push(quote),
                None => {
                    speaker_of.insert((name.clone(), q.speaker.clone()), speakers.len());
                    speakers.push(SpeakerView {
                        name,
                        person_id: q.speaker.clone(),
                        roles: person.map(|p| p.roles.clone()).unwrap_or_default(),
                        quotes: vec![quote],
                    });
                }
            }
        }

        let people = briefing
            .people
            .iter()
            .map(|p| PersonView {
                id: p.id.clone(),
                name: p.name.clone(),
                aliases: p.aliases.clone(),
                roles: p.roles.clone(),
                outlets: p.outlets,
                quote_count: p.quote_count,
                mentions: p
                    .mentions
                    .iter()
                    .take(CITE_LIMIT)
                    .map(|m: &Citation| lookup.cite(&m.source, m.paragraph, None))
                    .collect(),
                more_mentions: p.mentions.len().saturating_sub(CITE_LIMIT),
            })
            .collect();
        let terms = briefing
            .terms
            .iter()
            .map(|t| TermView {
                text: t.text.clone(),
                outlets: t.outlets,
                uses: t
                    .uses
                    .iter()
                    .take(CITE_LIMIT)
                    .map(|u| lookup.cite(&u.source, u.paragraph, Some(&u.text)))
                    .collect(),
                more_uses: t.uses.len().saturating_sub(CITE_LIMIT),
            })
            .collect();

        let stats = Stats {
            sources: briefing.sources.len(),
            outlets: crate::outlets::count(&briefing.sources),
            words: briefing.sources.iter().map(|s| s.word_count).sum(),
            paragraphs: briefing.sources.iter().map(|s| s.paragraphs.len()).sum(),
            removed: briefing.sources.iter().map(|s| s.removed.len()).sum(),
            people: briefing.people.len(),
            quotes: briefing.quotes.len(),
            facts: briefing.facts.len(),
            disagreements: briefing.disagreements.len(),
            timeline: briefing.timeline.len(),
            terms: briefing.terms.len(),
        };
        SiteView {
            event: EventView {
                title: briefing.event.title.clone(),
                date: briefing.event.date.clone(),
                date_human: briefing.event.date.as_deref().map(human_date),
                title_inferred: briefing.event.title_origin == Origin::Inferred,
                summary: briefing.event.summary.clone(),
            },
            stats,
            sources,
            key_points,
            single_source,
            disagreements,
            disagreement_columns,
            disagreement_table,
            timeline,
            speakers,
            people,
            terms,
            skipped: briefing
                .skipped
                .iter()
                .map(|s| SkippedView { path: s.path.clone(), reason: s.reason.clone() })
                .collect(),
        }
    }
}

fn distinct<'a>(items: impl Iterator<Item = &'a str>) -> usize {
    let mut seen: Vec<&str> = items.collect();
    seen.sort_unstable();
    seen.dedup();
    seen.len()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn human_dates() {
        assert_eq!(human_date("2025-09-04"), "4 September 2025");
        assert_eq!(human_date("2025-08"), "August 2025");
        assert_eq!(human_date("2008"), "2008");
    }
}
