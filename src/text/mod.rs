//! Text primitives shared by every stage: white-space normalisation, tokens
//! with byte offsets, sentences, and folding for comparison. Offsets always
//! index the original string, so that anything found can be cited verbatim.

pub mod dates;
pub mod names;
pub mod numbers;

use std::ops::Range;

use unicode_normalization::UnicodeNormalization;
use unicode_segmentation::UnicodeSegmentation;

use crate::knowledge::Knowledge;

/// Collapses runs of white space (including no-break and other Unicode
/// spaces) to one space and trims; drops zero-width spaces and control
/// characters. Every other character is kept as written.
pub fn normalize_space(line: &str) -> String {
    let mut out = String::with_capacity(line.len());
    let mut pending_space = false;
    for c in line.chars() {
        if c.is_whitespace() || (c.is_control() && c != '\u{200D}') {
            pending_space = !out.is_empty();
        } else if matches!(c, '\u{200B}' | '\u{FEFF}' | '\u{2060}' | '\u{00AD}') {
            continue;
        } else {
            if pending_space {
                out.push(' ');
                pending_space = false;
            }
            out.push(c);
        }
    }
    out
}

/// What a token is.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum TokenKind {
    Word,
    Number,
    /// A possessive ending split off its word ("’s" of "Russia’s").
    Possessive,
    Punct,
}

/// A token and where it sits in the string it came from.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Token<'a> {
    pub text: &'a str,
    pub start: usize,
    pub kind: TokenKind,
}

impl Token<'_> {
    pub fn end(&self) -> usize {
        self.start + self.text.len()
    }

    pub fn is_word(&self) -> bool {
        matches!(self.kind, TokenKind::Word | TokenKind::Number)
    }

    /// Starts with an upper-case letter.
    pub fn is_capitalised(&self) -> bool {
        self.kind == TokenKind::Word && self.text.chars().next().is_some_and(char::is_uppercase)
    }
}

fn is_apostrophe(c: char) -> bool {
    c == '\'' || c == '’'
}

/// Splits text into words, numbers and punctuation. Words keep inner
/// hyphens ("co-chair"), apostrophes ("don’t") and the periods of initials
/// and acronyms ("V.", "U.S.", "a.m."); a possessive "’s" is its own token.
pub fn tokens(text: &str) -> Vec<Token<'_>> {
    let chars: Vec<(usize, char)> = text.char_indices().collect();
    let at = |i: usize| chars.get(i).map(|&(_, c)| c);
    let offset = |i: usize| chars.get(i).map(|&(o, _)| o).unwrap_or(text.len());
    let mut out = Vec::new();
    let mut i = 0;
    while i < chars.len() {
        let c = chars[i].1;
        if c.is_whitespace() {
            i += 1;
            continue;
        }
        if !c.is_alphanumeric() {
            out.push(Token { text: &text[offset(i)..offset(i + 1)], start: offset(i), kind: TokenKind::Punct });
            i += 1;
            continue;
        }
        let start = i;
        let numeric = c.is_ascii_digit();
        i += 1;
        loop {
            match at(i) {
                Some(c) if c.is_alphanumeric() => i += 1,
                // Inner hyphen, or digit separators in "1,000", "3.5", "4:25".
                Some('-') | Some('‑') if at(i + 1).is_some_and(char::is_alphanumeric) => i += 2,
                Some(',') | Some('.') | Some(':')
                    if numeric
                        && at(i - 1).is_some_and(|c| c.is_ascii_digit())
                        && at(i + 1).is_some_and(|c| c.is_ascii_digit()) =>
                {
                    i += 2
                }
                Some(a) if is_apostrophe(a) && at(i + 1).is_some_and(char::is_alphabetic) => {
                    let possessive =
                        matches!(at(i + 1), Some('s') | Some('S')) && !at(i + 2).is_some_and(char::is_alphanumeric);
                    if possessive {
                        break;
                    }
                    i += 2;
                }
                _ => break,
            }
        }
        // Initials and dotted acronyms: "V.", "U.S.", "a.m.", "e.g.".
        let word_len = i - start;
        if at(i) == Some('.') && word_len == 1 && !numeric {
            let mut j = i + 1;
            while at(j).is_some_and(char::is_alphabetic) && at(j + 1) == Some('.') {
                j += 2;
            }
            let single_initial = j == i + 1 && at(start).is_some_and(char::is_uppercase);
            if j > i + 1 || single_initial {
                i = j;
            }
        }
        let kind = if numeric { TokenKind::Number } else { TokenKind::Word };
        out.push(Token { text: &text[offset(start)..offset(i)], start: offset(start), kind });
        if at(i).is_some_and(is_apostrophe)
            && matches!(at(i + 1), Some('s') | Some('S'))
            && !at(i + 2).is_some_and(char::is_alphanumeric)
        {
            out.push(Token { text: &text[offset(i)..offset(i + 2)], start: offset(i), kind: TokenKind::Possessive });
            i += 2;
        }
    }
    out
}

/// The word and number tokens of a phrase, as strings.
pub fn words(text: &str) -> Vec<&str> {
    tokens(text).into_iter().filter(Token::is_word).map(|t| t.text).collect()
}

/// Sentence ranges of a paragraph. Unicode sentence boundaries, re-joined
/// where the break follows an abbreviation or an initial ("Mr. Trump").
pub fn sentences(text: &str, knowledge: &Knowledge) -> Vec<Range<usize>> {
    let mut out: Vec<Range<usize>> = Vec::new();
    for (start, piece) in text.split_sentence_bound_indices() {
        let end = start + piece.len();
        if let Some(previous) = out.last_mut()
            && ends_with_abbreviation(&text[previous.clone()], knowledge)
        {
            previous.end = end;
            continue;
        }
        out.push(start..end);
    }
    for range in &mut out {
        let piece = &text[range.clone()];
        range.start += piece.len() - piece.trim_start().len();
        range.end -= piece.len() - piece.trim_end().len();
    }
    out.retain(|r| !r.is_empty());
    out
}

fn ends_with_abbreviation(sentence: &str, knowledge: &Knowledge) -> bool {
    let trimmed = sentence.trim_end();
    let Some(before_dot) = trimmed.strip_suffix('.') else {
        return false;
    };
    let last_word = before_dot.rsplit(|c: char| c.is_whitespace() || c == '(' || c == '“').next().unwrap_or("");
    let token = &trimmed[trimmed.len() - last_word.len() - 1..];
    knowledge.is_abbreviation(token)
        || (last_word.chars().count() == 1 && last_word.chars().all(char::is_uppercase))
        || (last_word.contains('.') && last_word.chars().filter(|c| c.is_alphabetic()).count() <= 3)
}

/// Folds text for comparison: lower case, no diacritics, straight quotes,
/// one space between words. Never shown to the reader.
pub fn fold(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.nfd() {
        if unicode_normalization::char::is_combining_mark(c) {
            continue;
        }
        // Letters that do not decompose: Sæther and Saether, Øster and Oster.
        let spelled = match c {
            'æ' | 'Æ' => "ae",
            'œ' | 'Œ' => "oe",
            'ø' | 'Ø' => "o",
            'ß' => "ss",
            'ł' | 'Ł' => "l",
            'đ' | 'Đ' | 'ð' | 'Ð' => "d",
            'þ' | 'Þ' => "th",
            'ı' => "i",
            _ => "",
        };
        if !spelled.is_empty() {
            out.push_str(spelled);
            continue;
        }
        let c = match c {
            '’' | '‘' | '`' | '´' => '\'',
            '“' | '”' | '„' | '«' | '»' => '"',
            '–' | '—' | '‑' => '-',
            other => other,
        };
        out.extend(c.to_lowercase());
    }
    normalize_space(&out)
}

/// Words that render one word: equal, or one the beginning of the other
/// ("fined" and "fine", "form" and "format", "finalise" and "finalised").
pub fn same_word_start(a: &str, b: &str) -> bool {
    a == b || (a.len().min(b.len()) >= 4 && (a.starts_with(b) || b.starts_with(a)))
}

/// "ministry" → "Ministry", "head of refereeing" → "Head of refereeing".
pub fn capitalise_first(text: &str) -> String {
    let mut chars = text.chars();
    chars.next().map(|c| c.to_uppercase().chain(chars).collect()).unwrap_or_default()
}

/// Counts words as a reader would.
pub fn word_count(text: &str) -> usize {
    text.unicode_words().count()
}

/// Shortens text to about `max` characters at a word boundary, adding "…".
pub fn shorten(text: &str, max: usize) -> String {
    if text.chars().count() <= max {
        return text.to_string();
    }
    let cut: String = text.chars().take(max).collect();
    let cut = cut.rsplit_once(' ').map(|(head, _)| head).unwrap_or(&cut);
    format!("{}…", cut.trim_end_matches([',', ';', ':', ' ']))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn texts(s: &str) -> Vec<&str> {
        tokens(s).into_iter().map(|t| t.text).collect()
    }

    #[test]
    fn tokens_keep_initials_acronyms_and_split_possessives() {
        assert_eq!(texts("Vladimir V. Putin’s U.S. visit"), ["Vladimir", "V.", "Putin", "’s", "U.S.", "visit"]);
        assert_eq!(
            texts("don’t co-chair 1,000 3.5% at 8 a.m."),
            ["don’t", "co-chair", "1,000", "3.5", "%", "at", "8", "a.m."]
        );
        assert_eq!(texts("“Hi,” he said."), ["“", "Hi", ",", "”", "he", "said", "."]);
    }

    #[test]
    fn offsets_point_into_the_original() {
        let s = "Élysée – Paris’s";
        for t in tokens(s) {
            assert_eq!(&s[t.start..t.end()], t.text);
        }
    }

    #[test]
    fn normalize_space_collapses_but_keeps_characters() {
        assert_eq!(normalize_space("  a\u{00A0}\u{00A0}b\tc\u{200B}d  "), "a b cd");
    }

    #[test]
    fn fold_removes_case_accents_and_curly_quotes() {
        assert_eq!(fold("Élysée’s  “Dostoyevskyy”"), "elysee's \"dostoyevskyy\"");
        assert_eq!(fold("Sæther Øster"), "saether oster");
    }

    #[test]
    fn shorten_cuts_at_words() {
        assert_eq!(shorten("one two three four", 10), "one two…");
        assert_eq!(shorten("short", 10), "short");
    }
}
