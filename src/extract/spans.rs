//! Finds the spans between paired quotation marks in a source's paragraphs:
//! curly, straight and angle quotes, mixed; nested quotes; quotations that
//! run over several paragraphs (the opening mark repeated, no closing mark
//! until the end). Apostrophes (Russia’s, don’t) are told from single quotes.

/// The family a quotation mark belongs to; a span closes with its own family.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Family {
    Double,
    Single,
    Angle,
}

/// A quoted span in one paragraph.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Span {
    /// Index into the paragraphs given to [`find`].
    pub para: usize,
    /// Byte offset of the opening mark.
    pub open: usize,
    /// Byte range of the text between the marks (to the paragraph end when unclosed).
    pub start: usize,
    pub end: usize,
    /// Byte offset just past the closing mark, or the paragraph end.
    pub after: usize,
    pub family: Family,
    /// The span continues in the next paragraph (a multi-paragraph quotation).
    pub continues: bool,
    /// The span is the continuation of one in the previous paragraph.
    pub continued: bool,
    /// Lies inside another span.
    pub nested: bool,
}

/// A quotation mark that has no partner.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Unbalanced {
    pub para: usize,
    pub offset: usize,
    pub opening: bool,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Mark {
    Open(Family),
    Close(Family),
    /// A straight mark: opens or closes depending on what is pending.
    Either(Family),
}

fn is_word_char(c: Option<char>) -> bool {
    c.is_some_and(char::is_alphanumeric)
}

/// Classifies the quotation mark at byte `i` of `text`, or `None` for an apostrophe.
fn classify(text: &str, i: usize, c: char) -> Option<Mark> {
    let before = text[..i].chars().next_back();
    let after = text[i + c.len_utf8()..].chars().next();
    let space_or_open_before = before.is_none_or(|b| b.is_whitespace() || "([{—–-/“‘«„".contains(b));
    match c {
        // “It is over,“ she said: an opening mark typed where the closing one belongs.
        '“' if !space_or_open_before && after.is_none_or(|a| a.is_whitespace() || ",.;:!?".contains(a)) => {
            Some(Mark::Close(Family::Double))
        }
        '“' | '„' => Some(Mark::Open(Family::Double)),
        '”' => Some(Mark::Close(Family::Double)),
        '«' => Some(Mark::Open(Family::Angle)),
        '»' => Some(Mark::Close(Family::Angle)),
        '‘' if is_word_char(before) => None,
        '‘' => Some(Mark::Open(Family::Single)),
        // ’ between letters is an apostrophe; after a word it may close a quote.
        '’' if is_word_char(before) && is_word_char(after) => None,
        '’' if space_or_open_before => None,
        '’' => Some(Mark::Close(Family::Single)),
        '"' => Some(Mark::Either(Family::Double)),
        '\'' if is_word_char(before) && is_word_char(after) => None,
        '\'' if space_or_open_before && is_word_char(after) => Some(Mark::Open(Family::Single)),
        '\'' if !space_or_open_before && !is_word_char(after) => Some(Mark::Close(Family::Single)),
        _ => None,
    }
}

/// The quotation marks of `text` in order, as (byte offset, byte length, mark).
/// Two apostrophes (`''`, a news-wire spelling of “) are one double mark; of
/// three, the single mark sits inside: `'''Sir` opens a double then a single
/// quotation, `it,'''` closes a single (or ends a plural possessive) then a double.
fn marks(text: &str) -> Vec<(usize, usize, Mark)> {
    let bytes = text.as_bytes();
    let mut found = Vec::new();
    let mut chars = text.char_indices().filter(|(_, c)| is_mark(*c));
    while let Some((i, c)) = chars.next() {
        let run = if c == '\'' { bytes[i..].iter().take_while(|&&b| b == b'\'').count() } else { 1 };
        if run < 2 {
            if let Some(mark) = classify(text, i, c) {
                found.push((i, c.len_utf8(), mark));
            }
            continue;
        }
        for _ in 1..run {
            chars.next();
        }
        let double = double_apostrophe(text, i, run);
        match run {
            2 => found.push((i, 2, double)),
            3 if matches!(double, Mark::Open(_)) => {
                found.push((i, 2, double));
                found.push((i + 2, 1, Mark::Open(Family::Single)));
            }
            3 => {
                found.push((i, 1, Mark::Close(Family::Single)));
                found.push((i + 1, 2, double));
            }
            // Longer runs are not quotation marks.
            _ => {}
        }
    }
    found
}

/// Whether a run of `run` apostrophes at byte `i` opens or closes a double quotation.
fn double_apostrophe(text: &str, i: usize, run: usize) -> Mark {
    let before = text[..i].chars().next_back();
    let after = text[i + run..].chars().next();
    let space_or_open_before = before.is_none_or(|b| b.is_whitespace() || "([{—–-/“‘«„".contains(b));
    let space_or_end_after = after.is_none_or(|a| a.is_whitespace() || ")]}—–-/,.;:!?”’»".contains(a));
    match (space_or_open_before, space_or_end_after) {
        (true, false) => Mark::Open(Family::Double),
        (false, true) => Mark::Close(Family::Double),
        _ => Mark::Either(Family::Double),
    }
}

/// Byte length of the quotation mark at `offset`.
fn mark_len(text: &str, offset: usize) -> usize {
    if text[offset..].starts_with("''") { 2 } else { text[offset..].chars().next().map_or(1, char::len_utf8) }
}

const MARKS: [char; 8] = ['“', '”', '„', '‘', '’', '"', '\'', '«'];

fn is_mark(c: char) -> bool {
    MARKS.contains(&c) || c == '»'
}

/// Finds the quoted spans of a source's paragraphs, in order.
pub fn find(paragraphs: &[&str]) -> (Vec<Span>, Vec<Unbalanced>) {
    let mut spans = Vec::new();
    let mut unbalanced = Vec::new();
    // A double quotation carried over from the previous paragraph.
    let mut carried = false;
    for (p, text) in paragraphs.iter().enumerate() {
        let mut stack: Vec<(Family, usize, bool)> = Vec::new();
        let mut found: Vec<Span> = Vec::new();
        let mut first_mark = true;
        for (i, len, mark) in marks(text) {
            // A paragraph continuing a quotation opens with the mark again.
            if carried
                && first_mark
                && text[..i].trim().is_empty()
                && matches!(mark, Mark::Open(Family::Double) | Mark::Either(Family::Double))
            {
                stack.push((Family::Double, i, true));
                first_mark = false;
                continue;
            }
            first_mark = false;
            let mark = match mark {
                Mark::Either(family) if stack.iter().any(|(f, _, _)| *f == family) => Mark::Close(family),
                Mark::Either(family) => Mark::Open(family),
                other => other,
            };
            match mark {
                Mark::Open(family) => stack.push((family, i, false)),
                Mark::Close(family) => match stack.iter().rposition(|(f, _, _)| *f == family) {
                    Some(at) => {
                        // Openings above the match never closed: report them.
                        for (_, offset, _) in stack.drain(at + 1..) {
                            unbalanced.push(Unbalanced { para: p, offset, opening: true });
                        }
                        let (_, open, continued) = stack.pop().expect("position is in the stack");
                        let start = open + mark_len(text, open);
                        found.push(Span {
                            para: p,
                            open,
                            start,
                            end: i,
                            after: i + len,
                            family,
                            continues: false,
                            continued,
                            nested: false,
                        });
                    }
                    // A lone closing single mark is an apostrophe (the countries’ leaders).
                    None if family == Family::Single => {}
                    // A lone closing '' is an apostrophe after a plural possessive (the students'' …).
                    None if text[i..].starts_with("''") => {}
                    None => unbalanced.push(Unbalanced { para: p, offset: i, opening: false }),
                },
                Mark::Either(_) => unreachable!("resolved above"),
            }
        }
        // An unclosed double quotation continues if the next paragraph opens with a mark.
        let next_opens = paragraphs.get(p + 1).is_some_and(|next| {
            let next = next.trim_start();
            next.starts_with(['“', '"', '„']) || next.starts_with("''")
        });
        carried = false;
        while let Some((family, open, continued)) = stack.pop() {
            if family == Family::Double && stack.is_empty() && next_opens {
                let start = open + mark_len(text, open);
                found.push(Span {
                    para: p,
                    open,
                    start,
                    end: text.len(),
                    after: text.len(),
                    family,
                    continues: true,
                    continued,
                    nested: false,
                });
                carried = true;
            } else if family != Family::Single || !looks_like_apostrophe(text, open) {
                unbalanced.push(Unbalanced { para: p, offset: open, opening: true });
            }
        }
        found.sort_by_key(|s| s.open);
        for i in 0..found.len() {
            let (open, after) = (found[i].open, found[i].after);
            found[i].nested = found.iter().any(|o| o.open < open && o.after >= after);
        }
        spans.extend(found);
    }
    unbalanced.sort_by_key(|u| (u.para, u.offset));
    (spans, unbalanced)
}

/// An unpaired opening single mark that is really an elision ('90s, 'em).
fn looks_like_apostrophe(text: &str, offset: usize) -> bool {
    let after: String = text[offset..].chars().skip(1).take(3).collect();
    after.starts_with(|c: char| c.is_ascii_digit()) || after.starts_with("em") || after.starts_with("n ")
}

#[cfg(test)]
mod tests {
    use super::*;

    fn texts<'a>(paragraphs: &[&'a str]) -> Vec<&'a str> {
        let (spans, _) = find(paragraphs);
        spans.iter().filter(|s| !s.nested).map(|s| &paragraphs[s.para][s.start..s.end]).collect()
    }

    #[test]
    fn curly_and_straight_quotes_mixed() {
        assert_eq!(texts(&["“It’s over,” he said. \"Really over.\""]), ["It’s over,", "Really over."]);
        assert_eq!(texts(&["Talks on 'League of the Bold' began, Russia’s envoy said."]), ["League of the Bold"]);
    }

    #[test]
    fn apostrophes_are_not_quotes() {
        assert_eq!(texts(&["Russia’s and the countries’ leaders don’t agree on Moreau's plan."]), Vec::<&str>::new());
        assert_eq!(texts(&["The ‘league of the bold’ seek Trump’s support."]), ["league of the bold"]);
        let (_, unbalanced) = find(&["The allies' plan and the '90s boom."]);
        assert!(unbalanced.is_empty());
    }

    #[test]
    fn doubled_apostrophes_are_double_quotes() {
        assert_eq!(texts(&["''It is over,'' the mayor said of the teachers'' strike."]), ["It is over,"]);
        assert_eq!(texts(&["He said, ''They called it 'a mess.''' Then he left."]), ["They called it 'a mess.'"]);
        assert_eq!(texts(&["''Not the parents' fault,'' she said."]), ["Not the parents' fault,"]);
        let paras = ["''The first part goes on.", "''The second part ends here,'' she said."];
        let (spans, unbalanced) = find(&paras);
        assert!(unbalanced.is_empty(), "{unbalanced:?}");
        assert!(spans[0].continues && spans[1].continued);
    }

    #[test]
    fn an_opening_mark_typed_as_the_closing_one() {
        assert_eq!(texts(&["“It is unusual,“ said the clerk. “Very.”"]), ["It is unusual,", "Very."]);
    }

    #[test]
    fn nested_quotes_stay_inside() {
        let (spans, _) = find(&["“He called it ‘a disaster’ today,” she said."]);
        assert_eq!(spans.len(), 2);
        assert!(!spans[0].nested && spans[1].nested);
    }

    #[test]
    fn multi_paragraph_quotation() {
        let paras = ["“The first part goes on.", "“The second part ends here,” she said.", "After."];
        let (spans, unbalanced) = find(&paras);
        assert!(unbalanced.is_empty(), "{unbalanced:?}");
        assert_eq!(spans.len(), 2);
        assert!(spans[0].continues && !spans[0].continued);
        assert!(spans[1].continued && !spans[1].continues);
        assert_eq!(&paras[1][spans[1].start..spans[1].end], "The second part ends here,");
    }

    #[test]
    fn unbalanced_marks_are_reported() {
        let (spans, unbalanced) = find(&["He said “it never ends.", "Next paragraph."]);
        assert!(spans.is_empty());
        assert_eq!(unbalanced, [Unbalanced { para: 0, offset: 8, opening: true }]);
        let (_, unbalanced) = find(&["A stray close” here."]);
        assert_eq!(unbalanced.len(), 1);
    }
}
