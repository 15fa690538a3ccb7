//! Splits a source's text into claims (sentences, or the clauses of a
//! sentence joined by a semicolon) and reads from each what the comparison
//! needs: salient word stems and entities to align it with other outlets'
//! claims, its quantities, its dates resolved to the calendar, the lists of
//! places it names, the manner it gives, and whether it is negative.

use std::ops::Range;

use chrono::NaiveDate;
use rust_stemmers::{Algorithm, Stemmer};

use super::quantities::{self, Quantity};
use super::speakers::Para;
use crate::knowledge::{Knowledge, Place};
use crate::text::dates::{self, Date, DateExpr};
use crate::text::{TokenKind, fold};

/// What relative dates in a source are resolved against.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Reference {
    pub date: NaiveDate,
    /// `published` (the source's own date) or `event` (the briefing's date).
    pub from: &'static str,
}

/// A dated mention in a claim.
#[derive(Debug, Clone, PartialEq)]
pub struct Dated {
    pub date: Date,
    /// The expression as written ("on Wednesday").
    pub expression: String,
    pub time: Option<String>,
    /// `absolute`, `published` or `event`.
    pub resolved_from: &'static str,
    /// Lower-case content words around the expression, to tell apart the events of one claim.
    pub context: Vec<String>,
}

/// Places or people named together: "France, the UK and Belgium".
#[derive(Debug, Clone, PartialEq)]
pub struct EntityList {
    /// Entity keys of the places and people ("c:France", "p:3"), in order.
    pub items: Vec<String>,
    /// The list as written.
    pub written: String,
    /// Salient stems of the claim outside the list: what is said of the places.
    pub predicate: Vec<String>,
}

/// A manner phrase: "by telephone".
#[derive(Debug, Clone, PartialEq)]
pub struct MannerMention {
    pub manner: usize,
    pub written: String,
}

/// One claim of a source.
#[derive(Debug, Clone, PartialEq)]
pub struct Claim {
    pub paragraph: usize,
    pub range: Range<usize>,
    pub text: String,
    /// Stems and entity keys ("c:France", "o:NATO", "p:3" for a local person).
    pub keys: Vec<String>,
    /// The keys of each clause of a sentence that carries several ("X was
    /// alone on the bridge and did not answer radio calls"), so that outlets
    /// sharing one clause inside longer sentences still align.
    pub clauses: Vec<Vec<String>>,
    pub quantities: Vec<Quantity>,
    pub dates: Vec<Dated>,
    pub lists: Vec<EntityList>,
    pub manners: Vec<MannerMention>,
    pub negated: bool,
    /// Looks ahead ("will", "is due to"): its dates are plans, not events.
    pub future: bool,
    /// The place the claim opens with, its likely subject ("Italy has ruled out …").
    pub subject_place: Option<String>,
    /// Who or what the claim is about, when it opens with them: a person
    /// ("German Chancellor Friedrich Vogel has said …") or a place.
    pub subject: Option<String>,
    /// Kinds of event the claim speaks of ("call", "meeting"), for comparing manners.
    pub events: Vec<usize>,
}

/// The key an entity is compared by: capitals and demonyms stand for their country.
pub fn place_key(place: Place, knowledge: &Knowledge) -> String {
    match place {
        Place::Country(i) | Place::Demonym(i) | Place::Capital(i) => format!("c:{}", knowledge.countries[i].name),
        Place::Organisation(i) => match knowledge.organisation_country(i) {
            // The Kremlin speaks for Russia, the Élysée for France.
            Some(c) if knowledge.organisations[i].kind == "government" => format!("c:{}", knowledge.countries[c].name),
            _ => format!("o:{}", knowledge.organisations[i].name),
        },
        Place::Region(i) => format!("r:{}", knowledge.regions[i].name),
    }
}

/// Extracts the claims of a source's paragraphs (`paras[0]` is the title
/// when `has_title`). `numbers` are the paragraph numbers, `shifts` where
/// each piece of a long paragraph starts in it; `masks` mark the tokens
/// inside quotations. Also gives the indexes of the paragraphs with
/// a sentence too long to read as one claim.
pub fn extract(
    paras: &[Para],
    numbers: &[usize],
    shifts: &[(usize, usize)],
    masks: &[Vec<bool>],
    reference: Option<Reference>,
    knowledge: &Knowledge,
) -> (Vec<Claim>, Vec<usize>) {
    let stemmer = Stemmer::create(Algorithm::English);
    let mut claims = Vec::new();
    let mut long_sentences = Vec::new();
    let mut previous: Option<Date> = None;
    for (p, para) in paras.iter().enumerate() {
        if para.heading && numbers[p] != 0 {
            continue;
        }
        for range in whole_sentences(para.text, &masks[p], &para.toks, knowledge) {
            for clause in split_clauses(para.text, range) {
                let pieces = bounded(&para.toks, clause);
                if pieces.len() > 1 {
                    long_sentences.push(p);
                }
                for piece in pieces {
                    if let Some(mut claim) =
                        read_claim(para, numbers[p], &masks[p], piece, reference, &mut previous, &stemmer, knowledge)
                    {
                        shift(&mut claim, shifts[p]);
                        claims.push(claim);
                    }
                }
            }
        }
    }
    long_sentences.dedup();
    (claims, long_sentences)
}

/// Moves a claim read in a piece of a long paragraph to its place in the
/// paragraph: (byte offset, token offset) of the piece.
fn shift(claim: &mut Claim, (bytes, tokens): (usize, usize)) {
    claim.range = claim.range.start + bytes..claim.range.end + bytes;
    for q in &mut claim.quantities {
        q.start += bytes;
        q.end += bytes;
        q.token += tokens;
    }
}

/// The most tokens (words and punctuation) read as one claim. A real
/// sentence is far shorter; a longer run (a transcript or a feed with no
/// full stops) is read in pieces of this size, cut at a comma where one
/// falls in the piece's second half, so that reading it stays linear.
pub const MAX_CLAIM_TOKENS: usize = 400;

/// Cuts a clause longer than [`MAX_CLAIM_TOKENS`] into pieces.
fn bounded(toks: &[crate::text::Token], range: Range<usize>) -> Vec<Range<usize>> {
    let first = toks.partition_point(|t| t.start < range.start);
    let after_last = toks.partition_point(|t| t.end() <= range.end);
    if after_last.saturating_sub(first) <= MAX_CLAIM_TOKENS {
        return std::iter::once(range).collect();
    }
    let mut pieces = Vec::new();
    let (mut start_tok, mut start) = (first, range.start);
    while after_last - start_tok > MAX_CLAIM_TOKENS {
        let limit = start_tok + MAX_CLAIM_TOKENS;
        let cut =
            (start_tok + MAX_CLAIM_TOKENS / 2..limit).rev().find(|&i| toks[i].text == ",").map_or(limit, |i| i + 1);
        pieces.push(start..toks[cut - 1].end());
        (start_tok, start) = (cut, toks[cut].start);
    }
    pieces.push(start..range.end);
    pieces
}

/// The name mentions that lie inside the token range, rebased to its start.
/// Mentions are in reading order, so the range is found by binary search.
fn names_within(names: &[(usize, usize, usize)], range: Range<usize>) -> Vec<(usize, usize, usize)> {
    let from = names.partition_point(|&(first, _, _)| first < range.start);
    names[from..]
        .iter()
        .take_while(|&&(first, _, _)| first < range.end)
        .filter(|&&(_, last, _)| last < range.end)
        .map(|&(first, last, person)| (first - range.start, last - range.start, person))
        .collect()
}

/// Sentences, rejoined where a break falls inside a quotation ("“A. B,” he
/// said." is one sentence: the quotation's own full stops do not end it).
fn whole_sentences(
    text: &str,
    quoted: &[bool],
    toks: &[crate::text::Token],
    knowledge: &Knowledge,
) -> Vec<Range<usize>> {
    // Tokens do not overlap, so only the last one starting before `offset` can span it.
    let inside = |offset: usize| {
        let before = toks.partition_point(|t| t.start < offset);
        before > 0 && quoted[before - 1] && toks[before - 1].end() >= offset
    };
    let mut out: Vec<Range<usize>> = Vec::new();
    for range in crate::text::sentences(text, knowledge) {
        match out.last_mut() {
            Some(previous) if inside(range.start) => previous.end = range.end,
            _ => out.push(range),
        }
    }
    out
}

/// Splits a sentence at semicolons, each side a claim of its own.
fn split_clauses(text: &str, range: Range<usize>) -> Vec<Range<usize>> {
    let mut out = Vec::new();
    let mut start = range.start;
    for (i, _) in text[range.clone()].match_indices("; ") {
        let at = range.start + i;
        out.push(start..at);
        start = at + 2;
    }
    out.push(start..range.end);
    out.into_iter().filter(|r| text[r.clone()].split_whitespace().count() >= 3).collect()
}

#[allow(clippy::too_many_arguments)]
fn read_claim(
    para: &Para,
    paragraph: usize,
    mask: &[bool],
    range: Range<usize>,
    reference: Option<Reference>,
    previous: &mut Option<Date>,
    stemmer: &Stemmer,
    knowledge: &Knowledge,
) -> Option<Claim> {
    // Everything below works on the claim's own tokens (indexes rebased to
    // the claim's first token), so that reading a claim costs time in its
    // own length, not in the length of its paragraph.
    let first = para.toks.partition_point(|t| t.start < range.start);
    let after_last = para.toks.partition_point(|t| t.end() <= range.end);
    if after_last <= first {
        return None;
    }
    let toks = &para.toks[first..after_last];
    let mask = &mask[first..after_last];
    let names = names_within(&para.names, first..after_last);
    let tokens = 0..toks.len();
    let words: Vec<&str> = toks.iter().map(|t| t.text).collect();
    let lower: Vec<String> = words.iter().map(|w| w.to_lowercase()).collect();
    let lower: Vec<&str> = lower.iter().map(String::as_str).collect();
    let text = para.text[range.clone()].to_string();

    let future = tokens.clone().any(|i| !mask[i] && knowledge.future_marker_at(&lower[i..tokens.end]).is_some());
    let negated = tokens.clone().any(|i| !mask[i] && knowledge.negation_at(&lower[i..tokens.end]).is_some());

    // Dates, resolved in reading order so that "three days later" follows the last date.
    let mut masked = mask.to_vec();
    let mut found_dates = Vec::new();
    let clause = &para.text[range.clone()];
    for mention in dates::find_dates(clause, knowledge) {
        let start = range.start + mention.range.start;
        let end = range.start + mention.range.end;
        let in_quote = tokens.clone().any(|i| mask[i] && toks[i].start >= start && toks[i].start < end);
        for i in tokens.clone().filter(|&i| toks[i].start >= start && toks[i].end() <= end) {
            masked[i] = true;
        }
        if in_quote {
            continue;
        }
        // Each date is read in the tense of its own clause: "were presented on
        // Wednesday, and will be discussed on Thursday".
        let first_tok = tokens.clone().find(|&i| toks[i].start >= start).unwrap_or(tokens.start);
        let boundary = |i: usize| !mask[i] && matches!(lower[i], "," | ";" | "and" | "but" | "while");
        let from = (tokens.start..first_tok).rev().find(|&i| boundary(i)).map_or(tokens.start, |i| i + 1);
        let to = (first_tok..tokens.end).find(|&i| boundary(i)).unwrap_or(tokens.end);
        let future = (from..to).any(|i| !mask[i] && knowledge.future_marker_at(&lower[i..to]).is_some());
        let absolute = matches!(mention.expr, DateExpr::Calendar { year: Some(_), .. } | DateExpr::Year(_));
        let resolved = match (absolute, reference) {
            (true, _) => dates::resolve(&mention.expr, NaiveDate::MIN, *previous, future).map(|d| (d, "absolute")),
            (false, Some(r)) => dates::resolve(&mention.expr, r.date, *previous, future).map(|d| (d, r.from)),
            (false, None) => None,
        };
        if let Some((date, resolved_from)) = resolved {
            *previous = Some(date);
            let at = tokens.clone().filter(|&i| toks[i].start >= start && toks[i].end() <= end).collect::<Vec<_>>();
            let (first_tok, last_tok) =
                (at.first().copied().unwrap_or(tokens.start), at.last().copied().unwrap_or(tokens.start));
            let context = (tokens.start.max(first_tok.saturating_sub(5))..tokens.end.min(last_tok + 6))
                .filter(|&i| {
                    (i < first_tok || i > last_tok)
                        && toks[i].kind == TokenKind::Word
                        && !knowledge.is_stopword(lower[i])
                })
                .map(|i| lower[i].to_string())
                .collect();
            found_dates.push(Dated {
                date,
                expression: para.text[start..end].to_string(),
                time: mention.time.clone(),
                resolved_from,
                context,
            });
        }
    }

    // Entities and salient stems.
    let mut keys: Vec<String> = Vec::new();
    let mut place_at: Vec<Option<(String, usize)>> = vec![None; toks.len()];
    let mut i = tokens.start;
    while i < tokens.end {
        if !mask[i]
            && let Some((place, n)) = knowledge.place_at(&words[i..tokens.end])
        {
            let key = place_key(place, knowledge);
            place_at[i] = Some((key.clone(), n));
            keys.push(key);
            i += n;
            continue;
        }
        i += 1;
    }
    // People named inside a quotation are what was said, not who the claim is about.
    for &(first_tok, _, person) in &names {
        if !mask[first_tok] {
            keys.push(format!("p:{person}"));
        }
    }
    let mut named = vec![false; toks.len()];
    let place_spans = place_at.iter().enumerate().filter_map(|(s, p)| p.as_ref().map(|(_, n)| s..s + n));
    for span in place_spans.chain(names.iter().map(|&(f, l, _)| f..l + 1)) {
        named[span.start..span.end.min(toks.len())].iter_mut().for_each(|m| *m = true);
    }
    // Quantities, then manners. A figure's number and approximator are values,
    // not what the claim is about; what it counts ("workers", "per cent") is.
    // Figures inside quotations count too: a spokesperson giving the depth is a source for it.
    let dates_only: Vec<bool> = masked.iter().zip(mask).map(|(m, quoted)| *m && !*quoted).collect();
    let quantities = quantities::find(toks, tokens.clone(), &dates_only, knowledge);
    for q in &quantities {
        for i in tokens.clone().filter(|&i| toks[i].start >= q.start && toks[i].end() <= q.end) {
            if knowledge.approximator_before(&lower[tokens.start..=i]).is_some() {
                masked[i] = true;
            }
        }
    }
    let mut manners = Vec::new();
    let mut i = tokens.start;
    while i < tokens.end {
        match knowledge.manner_at(&lower[i..tokens.end]).filter(|_| !mask[i]) {
            Some((n, manner)) => {
                manners.push(MannerMention {
                    manner,
                    written: para.text[toks[i].start..toks[i + n - 1].end()].to_string(),
                });
                masked[i..i + n].iter_mut().for_each(|m| *m = true);
                i += n;
            }
            None => i += 1,
        }
    }
    let mut word_key: Vec<Option<String>> = vec![None; toks.len()];
    for i in tokens.clone() {
        let number_word = knowledge.number_word(lower[i]).is_some()
            || lower[i].split('-').any(|p| knowledge.number_word(p).is_some());
        if masked[i]
            || named[i]
            || number_word
            || toks[i].kind != TokenKind::Word
            || lower[i].chars().count() < 3
            || knowledge.is_stopword(lower[i])
        {
            continue;
        }
        // "cease-fire" and "ceasefire", "post-war" and "postwar" are one word.
        let folded = fold(lower[i]).replace('-', "");
        let stem = stemmer.stem(&folded);
        let key = knowledge.canonical_stem(&stem).to_string();
        word_key[i] = Some(key.clone());
        keys.push(key);
    }
    for d in &found_dates {
        if d.date.precision == dates::Precision::Day {
            keys.push(format!("d:{}", d.date.iso()));
        }
    }
    keys.sort();
    keys.dedup();

    // Lists name places or people: "France, the UK and Belgium", "Vice-Governor
    // Zoran Roe and external member Bojan Doe".
    let mut entity_at = place_at.clone();
    for &(first_tok, last_tok, person) in &names {
        if !mask[first_tok] && entity_at[first_tok].is_none() {
            entity_at[first_tok] = Some((format!("p:{person}"), last_tok - first_tok + 1));
        }
    }
    let lists = entity_lists(para.text, toks, &lower, &entity_at, &word_key, tokens.clone(), knowledge);
    let clauses = clause_keys(&lower, mask, &entity_at, &word_key, tokens.clone());
    let subject_place = (tokens.start..tokens.end.min(tokens.start + 3))
        .take_while(|&i| i == tokens.start || matches!(lower[i - 1], "the"))
        .find_map(|i| place_at[i].as_ref().map(|(key, _)| key.clone()))
        .filter(|key| key.starts_with("c:"));
    let subject = names
        .iter()
        .filter(|&&(first, _, _)| first >= tokens.start && first < tokens.start + 5 && !mask[first])
        .find(|&&(first, _, _)| {
            (tokens.start..first).all(|i| {
                toks[i].is_capitalised()
                    || matches!(lower[i], "the" | "a" | "an")
                    || knowledge.title_at(&[lower[i]]).is_some()
            })
        })
        .map(|&(_, _, person)| format!("p:{person}"))
        .or_else(|| subject_place.clone());
    // A claim that gives both "in person" and "remotely" describes a hybrid.
    merge_hybrid(&mut manners, knowledge);
    let mut events: Vec<usize> = tokens
        .clone()
        .filter(|&i| !mask[i])
        .filter_map(|i| knowledge.event_at(&lower[i..tokens.end]).map(|(_, e)| e))
        .collect();
    events.sort_unstable();
    events.dedup();
    Some(Claim {
        paragraph,
        range,
        text,
        keys,
        clauses,
        quantities,
        dates: found_dates,
        lists,
        manners,
        negated,
        future,
        subject_place,
        subject,
        events,
    })
}

/// "in person" and "remotely" in one claim make one hybrid manner.
fn merge_hybrid(manners: &mut Vec<MannerMention>, knowledge: &Knowledge) {
    let kinds: Vec<usize> = manners.iter().map(|m| m.manner).collect();
    let Some(combined) = knowledge.combined_manner(&kinds) else { return };
    let parts: Vec<usize> =
        kinds.into_iter().filter(|&k| k != combined && knowledge.manners_compatible(k, combined)).collect();
    let written = manners
        .iter()
        .filter(|m| parts.contains(&m.manner))
        .map(|m| m.written.as_str())
        .collect::<Vec<_>>()
        .join(" … ");
    manners.retain(|m| !parts.contains(&m.manner));
    manners.push(MannerMention { manner: combined, written });
}

/// Enumerations of two or more places: "France, the UK and Belgium",
/// "Germany, Poland and Italy", "Canada, Australia, and New Zealand".
fn entity_lists(
    text: &str,
    toks: &[crate::text::Token],
    lower: &[&str],
    place_at: &[Option<(String, usize)>],
    word_key: &[Option<String>],
    tokens: Range<usize>,
    knowledge: &Knowledge,
) -> Vec<EntityList> {
    let mut lists = Vec::new();
    let mut i = tokens.start;
    while i < tokens.end {
        let Some((first_key, n)) = &place_at[i] else {
            i += 1;
            continue;
        };
        let start = i;
        let mut items = vec![first_key.clone()];
        let mut end = i + n;
        let mut closed = false;
        loop {
            // A separator, then at most two filler words ("the", "tiny"), then a place.
            let mut j = end;
            let separator = match lower.get(j) {
                Some(&",") => {
                    j += 1;
                    if matches!(lower.get(j), Some(&"and") | Some(&"or")) {
                        j += 1;
                        closed = true;
                    }
                    true
                }
                Some(&"and") | Some(&"or") => {
                    j += 1;
                    closed = true;
                    true
                }
                _ => false,
            };
            if !separator || j >= tokens.end {
                break;
            }
            let next = (j..(j + 3).min(tokens.end)).find(|&k| place_at[k].is_some());
            // Fillers are a word or two in lower case ("tiny", "external member") or a title.
            let filler = |f: usize| {
                toks[f].kind == TokenKind::Word
                    && (!toks[f].is_capitalised() || knowledge.title_at(&[toks[f].text]).is_some())
            };
            let fillers_ok = next.is_some_and(|k| (j..k).all(filler));
            match next.filter(|_| fillers_ok) {
                Some(k) => {
                    let (key, len) = place_at[k].clone().expect("found above");
                    items.push(key);
                    end = k + len;
                    if closed {
                        break;
                    }
                }
                None => break,
            }
        }
        if items.len() >= 2 && closed {
            items.dedup();
            let predicate = list_predicate(lower, place_at, word_key, tokens.clone(), start..end, &items);
            lists.push(EntityList {
                items,
                written: text[toks[start].start..toks[end - 1].end()].to_string(),
                predicate,
            });
        }
        i = end.max(i + 1);
    }
    lists
}

/// What a list's places are said to do: the keys of the words after the list
/// up to the end of its clause ("France, Germany and the UK [were prepared to
/// deploy troops]"), or, when the list ends the clause ("leaders from Europe,
/// as well as Australia, Canada and Japan"), the keys of the whole claim.
fn list_predicate(
    lower: &[&str],
    place_at: &[Option<(String, usize)>],
    word_key: &[Option<String>],
    tokens: Range<usize>,
    list: Range<usize>,
    items: &[String],
) -> Vec<String> {
    let key_at = |i: usize| place_at[i].as_ref().map(|(key, _)| key).or(word_key[i].as_ref());
    let after: Vec<&String> = (list.end..tokens.end)
        .take_while(|&i| !matches!(lower[i], "." | ";" | ":" | "?" | "!"))
        .filter_map(key_at)
        .take(12)
        .collect();
    let chosen: Vec<&String> =
        if after.len() >= 2 { after } else { tokens.filter(|i| !list.contains(i)).filter_map(key_at).collect() };
    let mut predicate: Vec<String> = chosen.into_iter().filter(|k| !items.contains(k)).cloned().collect();
    predicate.sort();
    predicate.dedup();
    predicate
}

/// The keys of each clause, where a sentence joins several: at a semicolon,
/// at a comma before a conjunction, at "and"/"but" before a verb's auxiliary
/// or a negation, and after "said that"/"found that". Only clauses that say
/// something (three keys or more) count; a sentence of one clause has none.
fn clause_keys(
    lower: &[&str],
    mask: &[bool],
    entity_at: &[Option<(String, usize)>],
    word_key: &[Option<String>],
    tokens: Range<usize>,
) -> Vec<Vec<String>> {
    let conjunction = |w: &str| matches!(w, "and" | "but" | "while" | "whereas" | "although" | "though");
    let auxiliary = |w: &str| {
        matches!(
            w,
            "did"
                | "does"
                | "do"
                | "was"
                | "were"
                | "is"
                | "are"
                | "has"
                | "had"
                | "have"
                | "will"
                | "would"
                | "could"
                | "not"
        )
    };
    let mut cuts = vec![tokens.start];
    for i in tokens.clone().skip(1) {
        if mask[i] {
            continue;
        }
        let w = lower[i];
        let boundary = w == ";"
            || (conjunction(w) && lower[i - 1] == ",")
            || (conjunction(w) && lower.get(i + 1).is_some_and(|n| auxiliary(n)))
            || (w == "that" && i >= 2 && lower[i - 1].ends_with("ed"));
        if boundary {
            cuts.push(i);
        }
    }
    cuts.push(tokens.end);
    if cuts.len() <= 2 {
        return Vec::new();
    }
    cuts.windows(2)
        .map(|w| {
            let mut keys: Vec<String> = (w[0]..w[1])
                .filter_map(|i| entity_at[i].as_ref().map(|(k, _)| k).or(word_key[i].as_ref()))
                .cloned()
                .collect();
            keys.sort();
            keys.dedup();
            keys
        })
        .filter(|keys| keys.len() >= 3)
        .collect()
}
