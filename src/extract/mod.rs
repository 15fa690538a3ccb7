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

/// The longest stretch of a paragraph read as one, in bytes. Real paragraphs
/// are far shorter; a longer one (a transcript or a feed pasted without line
/// breaks) is read in pieces cut at sentence ends, so that reading it takes
/// time in proportion to its length. Its text is kept whole.
pub const MAX_PIECE_BYTES: usize = 16 * 1024;

/// A stretch of text read as one paragraph: the title (paragraph 0), a whole
/// paragraph, or a piece of a very long one.
struct Piece<'a> {
    /// The paragraph number (0 is the title).
    number: usize,
    text: &'a str,
    heading: bool,
    /// The file line where the paragraph starts.
    line: Option<usize>,
    /// Byte offset of the piece in its paragraph.
    offset: usize,
}

/// The source's title (as paragraph 0) and paragraphs, long ones in pieces.
fn pieces<'a>(source: &'a Source, knowledge: &Knowledge) -> Vec<Piece<'a>> {
    let mut out: Vec<Piece> = Vec::new();
    if let Some(title) = source.title.as_deref() {
        out.push(Piece { number: 0, text: title, heading: true, line: None, offset: 0 });
    }
    for p in &source.paragraphs {
        let heading = p.kind == ParagraphKind::Heading;
        for range in cut(&p.text, knowledge) {
            out.push(Piece {
                number: p.n,
                text: &p.text[range.clone()],
                heading,
                line: Some(p.line),
                offset: range.start,
            });
        }
    }
    out
}

/// Cuts a paragraph longer than [`MAX_PIECE_BYTES`] after the last sentence
/// end that keeps each piece within it, or at a space when one sentence is
/// longer still.
fn cut(text: &str, knowledge: &Knowledge) -> Vec<std::ops::Range<usize>> {
    if text.len() <= MAX_PIECE_BYTES {
        return std::iter::once(0..text.len()).collect();
    }
    let mut ends: Vec<usize> = crate::text::sentences(text, knowledge).into_iter().map(|r| r.end).collect();
    ends.push(text.len());
    let mut out = Vec::new();
    let (mut start, mut e) = (0, 0);
    while start < text.len() {
        let limit = start + MAX_PIECE_BYTES;
        if text.len() <= limit {
            out.push(start..text.len());
            break;
        }
        while e < ends.len() && ends[e] <= start {
            e += 1;
        }
        let mut end = start;
        while e < ends.len() && ends[e] <= limit {
            end = ends[e];
            e += 1;
        }
        if end == start {
            let boundary = text.floor_char_boundary(limit);
            end = text[start..boundary].rfind(char::is_whitespace).map_or(boundary, |i| start + i + 1);
            if end == start {
                end = text.ceil_char_boundary(limit);
            }
        }
        out.push(start..end);
        start = end + text[end..].len() - text[end..].trim_start().len();
    }
    out
}

/// Extracts people, quotations, terms and claims from one source. Relative
/// dates are resolved against the source's publication date, else `event_date`.
pub fn extract(source: &Source, knowledge: &Knowledge, event_date: Option<chrono::NaiveDate>) -> Findings {
    let pieces = pieces(source, knowledge);
    let mut paras: Vec<Para> = pieces
        .iter()
        .map(|piece| Para { text: piece.text, toks: tokens(piece.text), names: Vec::new(), heading: piece.heading })
        .collect();
    let mut notes = Vec::new();
    for (i, piece) in pieces.iter().enumerate() {
        if piece.offset == 0 && pieces.get(i + 1).is_some_and(|next| next.offset > 0) {
            let n = pieces[i + 1..].iter().take_while(|next| next.offset > 0).count() + 1;
            let message = format!(
                "a paragraph of {} KB: its text is kept whole, and read in {n} pieces of at most {} KB cut at sentence ends",
                source.paragraphs[piece.number - 1].text.len() / 1024,
                MAX_PIECE_BYTES / 1024
            );
            notes.push((piece.line, message));
        }
    }
    // Token offsets of the pieces in their paragraphs, to shift what is found back.
    let mut shifts: Vec<(usize, usize)> = Vec::with_capacity(pieces.len());
    for (i, piece) in pieces.iter().enumerate() {
        let tokens_before = match i.checked_sub(1) {
            Some(j) if piece.offset > 0 => shifts[j].1 + paras[j].toks.len(),
            _ => 0,
        };
        shifts.push((piece.offset, tokens_before));
    }

    let mentions: Vec<people::Mention> =
        paras.iter().enumerate().flat_map(|(i, para)| people::mentions(i, para.text, &para.toks, knowledge)).collect();
    let (mut local_people, owners) = people::group(&mentions, knowledge);
    for (mention, owner) in mentions.iter().zip(&owners) {
        if let Some(person) = owner {
            paras[mention.para].names.push((mention.first, mention.last, *person));
        }
    }
    // In reading order, so that a claim finds its own names by binary search.
    for para in &mut paras {
        para.names.sort_unstable();
    }
    // Paragraph indexes become paragraph numbers.
    for person in &mut local_people {
        for p in &mut person.paragraphs {
            *p = pieces[*p].number;
        }
        person.paragraphs.dedup();
        for (p, _, offset) in &mut person.ages {
            *offset += pieces[*p].offset;
            *p = pieces[*p].number;
        }
    }

    let para_texts: Vec<&str> = pieces.iter().map(|piece| piece.text).collect();
    let (spans, unbalanced) = spans::find(&para_texts);
    for u in unbalanced {
        let text = para_texts[u.para];
        let mark = text[u.offset..].chars().next().unwrap_or('"');
        let excerpt = crate::text::shorten(&text[u.offset..], 40);
        let message = if u.opening {
            format!("unbalanced quotation marks: {mark} opens a quotation that never closes ({excerpt})")
        } else {
            format!("unbalanced quotation marks: {mark} closes a quotation that never opened ({excerpt})")
        };
        notes.push((pieces[u.para].line, message));
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
        let paragraph = pieces[span.para].number;
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
    let masks: Vec<Vec<bool>> = paras.iter().map(|para| vec![false; para.toks.len()]).collect();
    let masks = quoted.iter().fold(masks, |mut masks, &(p, open, after)| {
        let toks = &paras[p].toks;
        let from = toks.partition_point(|t| t.start < open);
        let to = toks.partition_point(|t| t.start < after);
        masks[p][from..to].iter_mut().for_each(|m| *m = true);
        masks
    });
    let published = source.published.as_deref().and_then(|d| chrono::NaiveDate::parse_from_str(d, "%Y-%m-%d").ok());
    let reference = published
        .map(|date| Reference { date, from: "published" })
        .or(event_date.map(|date| Reference { date, from: "event" }));
    let numbers: Vec<usize> = pieces.iter().map(|piece| piece.number).collect();
    let (claims, long_sentences) = claims::extract(&paras, &numbers, &shifts, &masks, reference, knowledge);
    for p in long_sentences {
        let message = format!(
            "a sentence of more than {} words and marks: its text is kept whole, and read as several claims",
            claims::MAX_CLAIM_TOKENS
        );
        notes.push((pieces[p].line, message));
    }
    notes.dedup();
    Findings { people: local_people, quotes, terms, claims, notes }
}
