//! Stage 2, extraction: reads each source on its own (so sources can be read
//! in parallel) and finds the people it mentions, its quotations with their
//! speakers, and the terms it puts in quotation marks. Everything found
//! points at a paragraph and is verbatim from it.

pub mod claims;
pub mod people;
pub mod quantities;
pub mod spans;
pub mod speakers;

use crate::knowledge::Knowledge;
use crate::model::{ParagraphKind, Source};
use crate::text::tokens;
pub use claims::{Claim, Reference};
pub use people::{Gender, LocalPerson};
pub use speakers::Speaker;
use speakers::{Para, Verdict};

/// A quotation as one source gives it.
#[derive(Debug, Clone, PartialEq)]
pub struct LocalQuote {
    /// Paragraph number (0 is the title).
    pub paragraph: usize,
    /// The words between the marks, verbatim.
    pub text: String,
    pub partial: bool,
    pub speaker: Speaker,
    /// Further paragraphs of a quotation that runs over several: (paragraph, text).
    pub continued: Vec<(usize, String)>,
}

/// A term in quotation marks as one source writes it.
#[derive(Debug, Clone, PartialEq)]
pub struct LocalTerm {
    pub paragraph: usize,
    pub text: String,
}

/// What one source yields.
#[derive(Debug, Clone, PartialEq)]
pub struct Findings {
    pub people: Vec<LocalPerson>,
    pub quotes: Vec<LocalQuote>,
    pub terms: Vec<LocalTerm>,
    pub claims: Vec<Claim>,
    /// Problems worth a warning: (line in the file, message).
    pub notes: Vec<(Option<usize>, String)>,
}

/// The source's title (as paragraph 0) and paragraphs, with their file lines.
fn texts(source: &Source) -> Vec<(usize, &str, bool, Option<usize>)> {
    let title = source.title.as_deref().map(|t| (0, t, true, None));
    title
        .into_iter()
        .chain(source.paragraphs.iter().map(|p| (p.n, p.text.as_str(), p.kind == ParagraphKind::Heading, Some(p.line))))
        .collect()
}

/// Extracts people, quotations, terms and claims from one source. Relative
/// dates are resolved against the source's publication date, else `event_date`.
pub fn extract(source: &Source, knowledge: &Knowledge, event_date: Option<chrono::NaiveDate>) -> Findings {
    let texts = texts(source);
    let mut paras: Vec<Para> = texts
        .iter()
        .map(|&(_, text, heading, _)| Para { text, toks: tokens(text), names: Vec::new(), heading })
        .collect();

    let mentions: Vec<people::Mention> =
        paras.iter().enumerate().flat_map(|(i, para)| people::mentions(i, para.text, &para.toks, knowledge)).collect();
    let (mut local_people, owners) = people::group(&mentions, knowledge);
    for (mention, owner) in mentions.iter().zip(&owners) {
        if let Some(person) = owner {
            paras[mention.para].names.push((mention.first, mention.last, *person));
        }
    }
    // Paragraph indexes become paragraph numbers.
    for person in &mut local_people {
        for p in &mut person.paragraphs {
            *p = texts[*p].0;
        }
        for (p, _, _) in &mut person.ages {
            *p = texts[*p].0;
        }
    }

    let para_texts: Vec<&str> = texts.iter().map(|t| t.1).collect();
    let (spans, unbalanced) = spans::find(&para_texts);
    let mut notes = Vec::new();
    for u in unbalanced {
        let text = para_texts[u.para];
        let mark = text[u.offset..].chars().next().unwrap_or('"');
        let excerpt = crate::text::shorten(&text[u.offset..], 40);
        let message = if u.opening {
            format!("unbalanced quotation marks: {mark} opens a quotation that never closes ({excerpt})")
        } else {
            format!("unbalanced quotation marks: {mark} closes a quotation that never opened ({excerpt})")
        };
        notes.push((texts[u.para].3, message));
    }

    let outer: Vec<spans::Span> = spans.into_iter().filter(|s| !s.nested).collect();
    let (verdicts, spoke) = speakers::judge(&paras, &outer, &local_people, knowledge);
    // Someone quoted or speaking under a full name is a person, whatever else the text said of them.
    let quoted = verdicts.iter().filter_map(|v| match v {
        Verdict::Quote { speaker: Speaker::Person(i), .. } => Some(*i),
        _ => None,
    });
    for i in quoted.chain(spoke) {
        if local_people[i].full.len() >= 2 || local_people[i].full.iter().any(|w| w.contains(' ')) {
            local_people[i].weak = false;
        }
    }
    // Claims are read outside quotations; a quoted term is part of the claim.
    let quoted: Vec<(usize, usize, usize)> = outer
        .iter()
        .zip(&verdicts)
        .filter(|(_, v)| matches!(v, Verdict::Quote { .. }))
        .map(|(s, _)| (s.para, s.open, s.after))
        .collect();
    let mut quotes: Vec<LocalQuote> = Vec::new();
    let mut terms = Vec::new();
    let mut open_quote: Option<usize> = None;
    for (span, verdict) in outer.iter().zip(verdicts.iter().cloned()) {
        let paragraph = texts[span.para].0;
        let raw = &para_texts[span.para][span.start..span.end];
        let text = raw.trim().to_string();
        if text.is_empty() {
            continue;
        }
        match verdict {
            Verdict::Quote { speaker, partial } => {
                if span.continued
                    && let Some(q) = open_quote
                {
                    quotes[q].continued.push((paragraph, text));
                } else {
                    quotes.push(LocalQuote { paragraph, text, partial, speaker, continued: Vec::new() });
                    open_quote = Some(quotes.len() - 1);
                }
                if !span.continues {
                    open_quote = None;
                }
            }
            Verdict::Term => {
                let text = text.trim_end_matches([',', '.', ';', ':', '!', '?']).trim().to_string();
                if !text.is_empty() {
                    terms.push(LocalTerm { paragraph, text });
                }
            }
        }
    }
    let masks: Vec<Vec<bool>> = paras
        .iter()
        .enumerate()
        .map(|(p, para)| {
            let spans: Vec<(usize, usize)> = quoted.iter().filter(|s| s.0 == p).map(|s| (s.1, s.2)).collect();
            para.toks.iter().map(|t| spans.iter().any(|&(open, after)| t.start >= open && t.start < after)).collect()
        })
        .collect();
    let published = source.published.as_deref().and_then(|d| chrono::NaiveDate::parse_from_str(d, "%Y-%m-%d").ok());
    let reference = published
        .map(|date| Reference { date, from: "published" })
        .or(event_date.map(|date| Reference { date, from: "event" }));
    let numbers: Vec<usize> = texts.iter().map(|t| t.0).collect();
    let claims = claims::extract(&paras, &numbers, &masks, reference, knowledge);
    Findings { people: local_people, quotes, terms, claims, notes }
}
