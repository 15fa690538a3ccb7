//! Numbers written as digits or words: "1,000", "3.5 million", "ten",
//! "thirty-five", "three-and-a-half", "a dozen", "nearly a million".

use super::{Token, TokenKind};
use crate::knowledge::Knowledge;

/// Parses a number of digits with optional thousands separators.
fn digits_value(text: &str) -> Option<f64> {
    let cleaned: String = text.chars().filter(|&c| c != ',').collect();
    if cleaned.contains(':') || cleaned.matches('.').count() > 1 {
        return None;
    }
    cleaned.parse().ok()
}

/// The value of a number written in words, possibly hyphenated
/// ("thirty-five", "three-and-a-half"); `None` if any part is not a number word.
fn words_value(parts: &[&str], knowledge: &Knowledge) -> Option<f64> {
    let mut total = 0.0;
    let mut current = 0.0;
    let mut seen = false;
    let mut pending_fraction = false;
    for part in parts {
        let lower = part.to_lowercase();
        if let Some(v) = knowledge.number_word(&lower) {
            current += v;
            seen = true;
        } else if let Some(scale) = knowledge.scale_word(&lower) {
            current = if current == 0.0 { scale } else { current * scale };
            if scale >= 1000.0 {
                total += current;
                current = 0.0;
            }
            seen = true;
        } else if lower == "and" {
            continue;
        } else if lower == "a" || lower == "an" {
            pending_fraction = true;
        } else if let Some(fraction) = knowledge.fraction_word(&lower).filter(|_| seen || pending_fraction) {
            current += fraction;
            seen = true;
        } else {
            return None;
        }
    }
    seen.then_some(total + current)
}

/// A number starting at token `i`, as (value, tokens used, unit written inside
/// the token such as "year" in "three-year"). Reads digits, number words,
/// hyphenated forms and a following scale ("3.5 million", "a million").
pub fn number_at<'a>(toks: &[Token<'a>], i: usize, knowledge: &Knowledge) -> Option<(f64, usize, Option<&'a str>)> {
    let t = toks.get(i)?;
    let (mut value, mut inner_unit) = match t.kind {
        TokenKind::Number => {
            let (head, tail) = t.text.split_once('-').map_or((t.text, None), |(h, rest)| (h, Some(rest)));
            // "3.8m", "62bn" after a currency sign: a scale written into the number.
            let digits_end = head.find(|c: char| c.is_alphabetic()).unwrap_or(head.len());
            let (digits, letters) = head.split_at(digits_end);
            let mut value = digits_value(digits)?;
            if !letters.is_empty() {
                let after_currency = i > 0 && knowledge.currency(toks[i - 1].text).is_some();
                let scale = knowledge.scale_word(letters).or(match letters.to_lowercase().as_str() {
                    "m" if after_currency => Some(1e6),
                    "k" if after_currency => Some(1e3),
                    _ => None,
                })?;
                value *= scale;
            }
            (value, tail.filter(|u| u.starts_with(char::is_alphabetic)))
        }
        TokenKind::Word => {
            let parts: Vec<&str> = t.text.split('-').collect();
            // The longest leading run of parts that reads as a number: "three-year" is 3 and "year".
            let (n, v) = (1..=parts.len()).rev().find_map(|n| words_value(&parts[..n], knowledge).map(|v| (n, v)))?;
            let unit = (n < parts.len()).then(|| {
                let start = parts[..n].iter().map(|p| p.len() + 1).sum::<usize>();
                &t.text[start..]
            });
            (v, unit)
        }
        _ => return None,
    };
    let mut used = 1;
    // "a million", "a dozen": the article stands for one.
    if t.kind == TokenKind::Word && matches!(t.text.to_lowercase().as_str(), "a" | "an") {
        return None;
    }
    while inner_unit.is_none() {
        let Some(next) = toks.get(i + used).filter(|n| n.kind == TokenKind::Word) else {
            break;
        };
        let lower = next.text.to_lowercase();
        if let Some(scale) = knowledge.scale_word(&lower) {
            value *= scale;
            used += 1;
        } else if t.kind == TokenKind::Word && knowledge.number_word(&lower).is_some() {
            // "twenty five" written without a hyphen.
            value += knowledge.number_word(&lower).unwrap_or(0.0);
            used += 1;
        } else {
            break;
        }
        inner_unit = None;
    }
    Some((value, used, inner_unit))
}

/// A number introduced by "a"/"an" ("a million", "a dozen", "a week later").
pub fn article_number_at(toks: &[Token], i: usize, knowledge: &Knowledge) -> Option<(f64, usize)> {
    let t = toks.get(i).filter(|t| t.kind == TokenKind::Word)?;
    if !matches!(t.text.to_lowercase().as_str(), "a" | "an") {
        return None;
    }
    let next = toks.get(i + 1).filter(|n| n.kind == TokenKind::Word)?;
    let scale = knowledge.scale_word(next.text)?;
    Some((scale, 2))
}

/// A small count for date arithmetic: "three", "3", or "a" before a unit ("a week later").
pub fn small_number_at(toks: &[Token], i: usize, knowledge: &Knowledge) -> Option<(i64, usize)> {
    let t = toks.get(i)?;
    if t.kind == TokenKind::Word && matches!(t.text.to_lowercase().as_str(), "a" | "an" | "one") {
        return Some((1, 1));
    }
    let (value, used, inner_unit) = number_at(toks, i, knowledge)?;
    (inner_unit.is_none() && value.fract() == 0.0 && (0.0..=1000.0).contains(&value)).then_some((value as i64, used))
}
