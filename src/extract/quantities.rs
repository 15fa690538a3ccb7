//! Quantities in a claim, as intervals: "around 30" is 27–33, "more than 30"
//! is above 30, "nearly a million" just under a million, "26 out of 35" a
//! part of a total. Numbers are compared as intervals so that outlets
//! disagree only beyond what their own approximations allow.

use crate::knowledge::Knowledge;
use crate::text::numbers::{article_number_at, number_at};
use crate::text::{Token, TokenKind};

/// A number with what it counts.
#[derive(Debug, Clone, PartialEq)]
pub struct Quantity {
    /// Byte range of the phrase as written ("around 30 nations").
    pub start: usize,
    pub end: usize,
    /// Token index of the number, for distances within the sentence.
    pub token: usize,
    pub value: f64,
    /// The interval the wording allows.
    pub low: f64,
    pub high: f64,
    /// "26 out of 35": the whole the number is part of.
    pub total: Option<f64>,
    pub percent: bool,
    pub currency: Option<String>,
    /// The kind of quantity (index into the knowledge's measures).
    pub measure: Option<usize>,
    /// The noun right after the number, lower case ("nations").
    pub unit: Option<String>,
    /// Lower-case content words around the number, to tell apart two
    /// figures of one kind in one sentence ("a depth of 10 km", "40 km south-west").
    pub context: Vec<String>,
}

impl Quantity {
    /// Whether two quantities can describe the same amount.
    pub fn compatible(&self, other: &Quantity) -> bool {
        self.low <= other.high && other.low <= self.high
    }
}

/// The interval an approximator allows around `value`.
fn interval(kind: Option<&str>, value: f64) -> (f64, f64) {
    // "About 7,400" allows a few per cent either way, at least ±1 for counts:
    // "roughly 7,000" and "more than 7,500" are two different counts.
    let spread = (value * 0.05).max(1.0);
    match kind {
        Some("approx") => (value - spread, value + spread),
        Some("above") => (value + (value.abs() * 1e-9).max(1e-9), f64::INFINITY),
        Some("at_least") => (value, f64::INFINITY),
        Some("below") => (0.0, value - (value.abs() * 1e-9).max(1e-9)),
        Some("at_most") => (0.0, value),
        Some("nearly") => (value - spread, value),
        _ => (value, value),
    }
}

/// The unit of the last digit of a figure written with a scale ("$15
/// million", "13.6bn"), given with two digits or more: such a figure is
/// rounded to that digit, so "$15 million" and "$14,959,450" can be one
/// amount (half a unit either way).
/// Plain counts ("1,200 vehicles") are exact: `None`.
fn rounding_unit(toks: &[Token], i: usize, used: usize, value: f64, knowledge: &Knowledge) -> Option<f64> {
    let written = toks[i].text;
    let scale_after =
        used > 1 && toks.get(i + 1).is_some_and(|t| knowledge.scale_word(&t.text.to_lowercase()).is_some());
    // "3.8m", "62bn"; not "10,000-person", whose letters are a unit.
    let scale_inside = written.split('-').next().is_some_and(|head| head.ends_with(char::is_alphabetic));
    if toks[i].kind != TokenKind::Number || !(scale_after || scale_inside) {
        return None;
    }
    let numeric = written.split(|c: char| c.is_alphabetic() || c == '-').next()?;
    let digits: String = numeric.chars().filter(char::is_ascii_digit).collect();
    // One significant digit ("2 million") is too coarse to round: "2 million"
    // and "2.5 million" are two figures.
    let written_value: f64 = digits.parse().ok().filter(|v: &f64| *v >= 10.0)?;
    Some(value / written_value)
}

/// Finds the quantities in tokens `range` of a sentence; `masked` tokens
/// (quotations, dates, times) are not read.
pub fn find(toks: &[Token], range: std::ops::Range<usize>, masked: &[bool], knowledge: &Knowledge) -> Vec<Quantity> {
    let words: Vec<&str> = toks.iter().map(|t| t.text).collect();
    let lower: Vec<String> = words.iter().map(|w| w.to_lowercase()).collect();
    let lower: Vec<&str> = lower.iter().map(String::as_str).collect();
    // First pass: the numbers, their phrases and the noun each counts.
    let mut found: Vec<(Quantity, usize, Option<usize>, Option<String>)> = Vec::new();
    let mut i = range.start;
    while i < range.end {
        if !masked[i]
            && let Some((share, used)) = fraction_at(&lower, i, range.end, knowledge)
        {
            let approx = knowledge.approximator_before(&lower[range.start..i]);
            let start_tok = approx.map_or(i, |(n, _)| i - n);
            let (low, high) = interval(approx.map(|(_, kind)| kind), share);
            let context = (range.start.max(start_tok.saturating_sub(4))..range.end.min(i + used + 4))
                .filter(|&c| (c < start_tok || c >= i + used) && toks[c].kind == TokenKind::Word)
                .filter(|&c| !knowledge.is_stopword(lower[c]))
                .map(|c| lower[c].to_string())
                .collect();
            let quantity = Quantity {
                start: toks[start_tok].start,
                end: toks[i + used - 1].end(),
                token: i,
                value: share,
                low: low.max(0.0),
                high: high.min(100.0),
                total: None,
                percent: true,
                currency: None,
                measure: None,
                unit: None,
                context,
            };
            found.push((quantity, i + used, None, None));
            i += used;
            continue;
        }
        if masked[i]
            || !skippable_number_check(toks, &lower, i)
            || is_name_number(toks, &lower, range.start, i, knowledge)
        {
            i += 1;
            continue;
        }
        let parsed =
            article_number_at(toks, i, knowledge).map(|(v, n)| (v, n, None)).or_else(|| number_at(toks, i, knowledge));
        let Some((value, used, inner_unit)) = parsed else {
            i += 1;
            continue;
        };
        // Ages ("52-year-old") are not amounts.
        if inner_unit.is_some_and(|u| u.ends_with("-old") || u.contains("year-old")) || value.is_nan() {
            i += used;
            continue;
        }
        let mut end_tok = i + used;
        let approx = knowledge.approximator_before(&lower[range.start..i]);
        let start_tok = approx.map_or(i, |(n, _)| i - n);
        let (mut low, mut high) = interval(approx.map(|(_, kind)| kind), value);
        if approx.is_none()
            && let Some(unit) = rounding_unit(toks, i, used, value, knowledge)
        {
            (low, high) = (value - unit / 2.0, value + unit / 2.0);
        }
        // "four in ten adults", "one in five": a proportion, read as a percentage.
        let mut proportion = None;
        if lower.get(end_tok) == Some(&"in")
            && let Some((whole, n, _)) = number_at(toks, end_tok + 1, knowledge).filter(|_| end_tok + 1 < range.end)
            && whole > value
            && (2.0..=1000.0).contains(&whole)
            && toks[end_tok + 1].kind == TokenKind::Word
        {
            (low, high) = (low / whole * 100.0, high / whole * 100.0);
            proportion = Some(whole);
            end_tok += 1 + n;
        }
        // "26 out of 35", "30 of the 35".
        let mut total = None;
        let of_len = if lower.get(end_tok) == Some(&"out") && lower.get(end_tok + 1) == Some(&"of") {
            2
        } else if lower.get(end_tok) == Some(&"of") {
            1
        } else {
            0
        };
        if of_len > 0 {
            let after_the = end_tok + of_len + usize::from(lower.get(end_tok + of_len) == Some(&"the"));
            if let Some((t, n, _)) = number_at(toks, after_the, knowledge).filter(|_| after_the < range.end) {
                total = Some(t);
                end_tok = after_the + n;
            }
        }
        // "19%", "19 per cent", "19 percent": the percent words belong to the phrase.
        let percent_len = if end_tok < range.end && words[end_tok] == "%" {
            Some(1)
        } else if end_tok < range.end {
            knowledge.percent_at(&lower[end_tok..range.end])
        } else {
            None
        };
        let percent = percent_len.is_some() || proportion.is_some();
        end_tok += percent_len.unwrap_or(0);
        let currency = currency_near(toks, &lower, start_tok, end_tok, knowledge);
        // "4.2 million euros": the currency word belongs to the phrase.
        if end_tok < range.end && knowledge.currency(lower[end_tok]).is_some() {
            end_tok += 1;
        }
        // The noun counted: the first measure word or content word before any
        // punctuation. A percentage counts nothing ("19 per cent over three years").
        let reach = if percent { end_tok } else { range.end.min(end_tok + 3) };
        let candidates = || (end_tok..reach).take_while(|&u| toks[u].kind != TokenKind::Punct && !masked[u]);
        // Of two content words the second is the noun: "nine safety recommendations",
        // "7,400 dock workers"; unless it reads as a verb ("26 countries pledged", "27 ships idling").
        let content = |u: usize| {
            toks[u].kind == TokenKind::Word && !knowledge.is_stopword(lower[u]) && !matches!(lower[u], "other" | "more")
        };
        let unit_tok = candidates().find(|&u| knowledge.measure_at(&lower[u..range.end]).is_some()).or_else(|| {
            let first = candidates().find(|&u| content(u))?;
            let second = Some(first + 1).filter(|&u| {
                u < reach && content(u) && !masked[u] && !lower[u].ends_with("ed") && !lower[u].ends_with("ing")
            });
            Some(second.unwrap_or(first))
        });
        // "a crowd of 38,112", "a death toll of 127": the noun before "of" is what is counted.
        let noun_before = (start_tok >= range.start + 2 && lower[start_tok - 1] == "of")
            .then(|| start_tok - 2)
            .filter(|&u| knowledge.measure_at(&lower[u..range.end]).is_some_and(|(n, _)| n == 1));
        let unit_tok = unit_tok.or(noun_before);
        let unit = inner_unit.map(str::to_lowercase).or_else(|| unit_tok.map(|u| lower[u].to_string()));
        if unit_tok.is_some_and(|u| knowledge.measure_at(&lower[u..range.end]).is_some()) {
            end_tok = unit_tok.map_or(end_tok, |u| u + 1);
        }
        if percent {
            low = low.max(0.0);
        }
        let currency_start =
            if i > 0 && start_tok == i && knowledge.currency(words[i - 1]).is_some() { i - 1 } else { start_tok };
        let end = end_tok.max(i + used);
        let context = (range.start.max(currency_start.saturating_sub(4))..range.end.min(end + 4))
            .filter(|&c| {
                (c < currency_start || c >= end) && toks[c].kind == TokenKind::Word && !knowledge.is_stopword(lower[c])
            })
            .map(|c| lower[c].to_string())
            .collect();
        let quantity = Quantity {
            start: toks[currency_start].start,
            end: toks[end - 1].end(),
            token: i,
            value: proportion.map_or(value, |whole| value / whole * 100.0),
            low,
            high,
            total,
            percent,
            currency,
            measure: None,
            unit,
            context,
        };
        // "4.2 million euros ($4.8 million)", "10 km (6 miles)": a conversion restates the figure before it.
        let conversion = currency_start > range.start
            && words[currency_start - 1] == "("
            && found.last().is_some_and(|(_, previous_end, _, _)| {
                *previous_end < currency_start
                    && currency_start - 1 - previous_end <= 2
                    && (*previous_end..currency_start - 1).all(|k| toks[k].kind == TokenKind::Word)
            });
        if !conversion {
            found.push((quantity, end, unit_tok, inner_unit.map(str::to_string)));
        }
        i = end;
    }
    // Second pass: the kind of each quantity. The measure words right after a
    // number ("1,100 people injured") are its own; another number may not take them.
    let windows: Vec<Vec<usize>> = found
        .iter()
        .map(|(q, end, unit_tok, _)| {
            if q.percent {
                return Vec::new();
            }
            let after = unit_tok.unwrap_or(*end).min(range.end);
            let stop = (after..range.end.min(after + 3))
                .find(|&u| toks[u].kind == TokenKind::Punct)
                .unwrap_or(range.end.min(after + 3));
            (after..stop).filter(|&u| knowledge.measure_at(&lower[u..range.end]).is_some()).collect()
        })
        .collect();
    found
        .iter()
        .enumerate()
        .map(|(k, (q, end, _, inner))| {
            let others: Vec<usize> =
                windows.iter().enumerate().filter(|(o, _)| *o != k).flat_map(|(_, w)| w.iter().copied()).collect();
            let mut q = q.clone();
            q.measure =
                measure_near(&lower, q.token, *end, &windows[k], inner.as_deref(), range.clone(), &others, knowledge);
            q
        })
        .collect()
}

/// Whether token `i` may start a number worth reading: not "one" as a
/// pronoun ("no one", "one of"), not a year, not part of a name.
fn skippable_number_check(toks: &[Token], lower: &[&str], i: usize) -> bool {
    let t = &toks[i];
    match t.kind {
        TokenKind::Number => {
            let year_like = t.text.len() == 4 && t.text.parse::<u32>().is_ok_and(|y| (1800..=2100).contains(&y));
            !year_like
        }
        TokenKind::Word => {
            let word = lower[i];
            if word == "one" || word == "a" || word == "an" {
                // "a million", "one million": an article before a scale word; and
                // "one steward": "one" before the noun it counts ("one of", "no one" are not).
                let scale = lower.get(i + 1).is_some_and(|n| {
                    matches!(*n, "million" | "billion" | "thousand" | "hundred" | "dozen" | "trillion")
                });
                let counts_noun = word == "one"
                    && toks.get(i + 1).is_some_and(|t| t.kind == TokenKind::Word && !t.is_capitalised())
                    && lower
                        .get(i + 1)
                        .is_some_and(|n| !matches!(*n, "of" | "another" | "more" | "day" | "time" | "way" | "thing"))
                    && !(i > 0 && matches!(lower[i - 1], "no" | "any" | "every" | "the" | "this" | "that" | "which"));
                return scale || counts_noun;
            }
            !t.is_capitalised() || i == 0
        }
        _ => false,
    }
}

/// A share written as a fraction, as a percentage and the tokens it takes:
/// "two-thirds of loans", "about half of", "almost a third", "three quarters of".
/// Only before "of" or at the end of a clause, where the fraction is an amount
/// ("half an hour", "the third day" are not shares).
fn fraction_at(lower: &[&str], i: usize, end: usize, knowledge: &Knowledge) -> Option<(f64, usize)> {
    let share_of = |w: &str| -> Option<f64> {
        let singular = w.strip_suffix('s').filter(|s| knowledge.fraction_word(s).is_some()).unwrap_or(w);
        knowledge.fraction_word(singular)
    };
    let (share, used) = if let Some((numerator, fraction)) = lower[i].split_once('-') {
        // "two-thirds", "three-quarters".
        (knowledge.number_word(numerator)? * share_of(fraction)?, 1)
    } else if matches!(lower[i], "a" | "an" | "one") && i + 1 < end {
        (share_of(lower[i + 1])?, 2)
    } else if lower[i] == "half" {
        (0.5, 1)
    } else if let Some(n) = knowledge.number_word(lower[i]).filter(|_| i + 1 < end) {
        // "three quarters of".
        let w = lower[i + 1];
        (w.ends_with('s').then(|| share_of(w)).flatten().map(|f| n * f)?, 2)
    } else {
        return None;
    };
    let next = lower.get(i + used).copied().filter(|_| i + used < end);
    // "half of all loans" is a share; "a quarter of a percentage point" an amount.
    let after_of = lower.get(i + used + 1).copied().filter(|_| i + used + 1 < end);
    let share_of_things = next == Some("of") && !matches!(after_of, Some("a" | "an"));
    let amount_position = next.is_none_or(|w| matches!(w, "." | "," | ";" | ")" | "—")) || share_of_things;
    (share > 0.0 && share < 1.0 && amount_position).then_some((share * 100.0, used))
}

/// A number that is part of a name: "Local 40", "Article 5", "Flight 302".
/// The word before it is capitalised mid-sentence and is not a month, a
/// currency or an approximator ("About 26" opens a sentence).
fn is_name_number(toks: &[Token], lower: &[&str], start: usize, i: usize, knowledge: &Knowledge) -> bool {
    if i <= start || toks[i].kind != TokenKind::Number {
        return false;
    }
    let before = &toks[i - 1];
    // At the start of a sentence only a word that could not open it ("Local 40 members").
    let opener = i - 1 == start && knowledge.is_stopword(lower[i - 1]);
    before.kind == TokenKind::Word
        && before.is_capitalised()
        && !opener
        && knowledge.month(lower[i - 1]).is_none()
        && knowledge.currency(before.text).is_none()
        && knowledge.approximator_before(&lower[start..i]).is_none()
}

fn currency_near(toks: &[Token], lower: &[&str], start: usize, end: usize, knowledge: &Knowledge) -> Option<String> {
    if start > 0
        && let Some(code) = knowledge.currency(toks[start - 1].text)
    {
        return Some(code.to_string());
    }
    lower.get(end).and_then(|w| knowledge.currency(w)).map(str::to_string)
}

/// The kind of quantity: a kind word inside the number ("three-year"), a
/// specific kind among its own words ("people injured"), else the nearest
/// specific kind word of the clause that is not another number's ("the death
/// toll rose to 127"), and only then a generic kind (people).
#[allow(clippy::too_many_arguments)]
fn measure_near(
    lower: &[&str],
    number: usize,
    end: usize,
    own: &[usize],
    inner_unit: Option<&str>,
    range: std::ops::Range<usize>,
    other_units: &[usize],
    knowledge: &Knowledge,
) -> Option<usize> {
    if let Some(unit) = inner_unit {
        let unit = unit.to_lowercase();
        if let Some((_, m)) = knowledge.measure_at(&[unit.as_str()]) {
            return Some(m);
        }
    }
    let kind_at = |j: usize| knowledge.measure_at(&lower[j..range.end]).map(|(_, m)| m);
    let own_kinds: Vec<usize> = own.iter().filter_map(|&j| kind_at(j)).collect();
    if let Some(&m) = own_kinds.iter().find(|&&m| !knowledge.is_generic_measure(m)) {
        return Some(m);
    }
    let near = |specific: bool, reach: usize| {
        (range.start..range.end)
            .filter(|&j| (j < number || j >= end) && !other_units.contains(&j) && !own.contains(&j))
            .filter_map(|j| kind_at(j).map(|m| (j.abs_diff(number), m)))
            .filter(|(_, m)| knowledge.is_nearby_measure(*m))
            .filter(|(distance, m)| *distance <= reach && knowledge.is_generic_measure(*m) != specific)
            .min()
            .map(|(_, m)| m)
    };
    near(true, 15).or(own_kinds.first().copied()).or_else(|| near(false, 8))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::text::tokens;

    fn read(text: &str) -> Vec<(String, f64, f64, f64, Option<String>)> {
        let k = Knowledge::load(None).unwrap();
        let toks = tokens(text);
        let masked = vec![false; toks.len()];
        find(&toks, 0..toks.len(), &masked, &k)
            .into_iter()
            .map(|q| {
                (
                    text[q.start..q.end].to_string(),
                    q.value,
                    q.low,
                    q.high,
                    q.measure.map(|m| k.measure_name(m).to_string()),
                )
            })
            .collect()
    }

    #[test]
    fn approximations_are_intervals() {
        let q = read("The coalition includes around 30 nations backing Ukraine.");
        assert_eq!(q[0].0, "around 30 nations");
        assert_eq!((q[0].2, q[0].3), (28.5, 31.5));
        assert_eq!(q[0].4.as_deref(), Some("countries"));
        let q = read("more than 30 other heads of state joined him");
        assert_eq!(q[0].1, 30.0);
        assert!(q[0].2 > 30.0 && q[0].3.is_infinite());
        let q = read("a strengthened military, nearly a million strong");
        assert_eq!(q[0].1, 1_000_000.0);
        assert!(q[0].2 < 1_000_000.0 && q[0].3 == 1_000_000.0);
    }

    #[test]
    fn words_ratios_percentages_and_durations() {
        let q = read("About 26 out of 35 participating countries committed.");
        assert_eq!(q[0].0, "About 26 out of 35 participating countries");
        let q = read("Russia’s three-and-a-half year war against Ukraine");
        assert_eq!(q[0].1, 3.5);
        assert_eq!(q[0].4.as_deref(), Some("years"));
        let q = read("the three-year war in Ukraine");
        assert_eq!((q[0].1, q[0].4.as_deref()), (3.0, Some("years")));
        let q = read("a 25% tariff on imported goods");
        assert_eq!(q[0].0, "25%");
        let q = read("bribes of 4.2 million euros ($4.8 million) and €3.8m more");
        assert_eq!(q.len(), 2, "{q:?}");
        assert_eq!(q[1].1, 3_800_000.0);
        let q = read("Around four in ten volunteers reported a sore arm.");
        assert_eq!((q[0].0.as_str(), q[0].2, q[0].3), ("Around four in ten", 30.0, 50.0));
        let q = read("Nearly two-thirds of loans are indexed to the euro, against about half of deposits.");
        assert_eq!(q.len(), 2, "{q:?}");
        assert!((q[0].1 - 66.67).abs() < 0.01 && q[0].3 <= 66.67);
        assert_eq!(q[1].1, 50.0);
        assert!(read("The talks lasted half an hour on the third day.").is_empty());
        assert!(read("It cut the rate by a quarter of a percentage point.").iter().all(|q| q.0 != "a quarter"));
        let q = read("only ten leaders attended in person");
        assert_eq!((q[0].1, q[0].2, q[0].3), (10.0, 10.0, 10.0));
    }

    #[test]
    fn nearby_kind_words_and_things_that_are_not_amounts() {
        let q = read("The death toll rose to more than 130 on Tuesday.");
        assert_eq!(q[0].4.as_deref(), Some("deaths"));
        assert!(read("No one came, a 52-year-old shopkeeper said in 2019.").is_empty());
        assert!(read("members of Local 40 and Article 5 of the treaty").is_empty());
        assert!(read("Local 40 members voted.").is_empty());
        assert_eq!(read("About 26 leaders came.")[0].1, 26.0);
        // Units count only for their own number: the day is not what the 7,400 are.
        let q = read("A strike by about 7,400 dock workers entered its eighth day on Monday.");
        assert_eq!(q[0].4.as_deref(), Some("people"));
        let q = read("The quake killed at least 112 people, officials said.");
        assert_eq!(q[0].4.as_deref(), Some("deaths"));
    }
}
