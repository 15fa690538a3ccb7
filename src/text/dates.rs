//! Date and time expressions in article text ("Sept. 4, 2025", "on Wednesday",
//! "last month", "three days later", "8 a.m. ET") and their resolution to
//! calendar dates against a reference date, usually the publication date.

use std::ops::Range;

use chrono::{Datelike, Duration, Months, NaiveDate, Weekday};

use super::{Token, TokenKind, tokens};
use crate::knowledge::Knowledge;
use crate::text::numbers::small_number_at;

/// How precisely a date is known.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Precision {
    Year,
    Month,
    Day,
}

/// A calendar date with its precision; the finer fields are 1 when unknown.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Date {
    pub day: NaiveDate,
    pub precision: Precision,
}

impl Date {
    pub fn day(day: NaiveDate) -> Self {
        Self { day, precision: Precision::Day }
    }

    /// `YYYY-MM-DD`, `YYYY-MM` or `YYYY`, as the contract writes dates.
    pub fn iso(&self) -> String {
        match self.precision {
            Precision::Day => self.day.format("%Y-%m-%d").to_string(),
            Precision::Month => self.day.format("%Y-%m").to_string(),
            Precision::Year => self.day.format("%Y").to_string(),
        }
    }

    /// Whether two dates can be the same day given their precisions.
    pub fn compatible(&self, other: &Date) -> bool {
        let precision = self.precision.min(other.precision);
        match precision {
            Precision::Year => self.day.year() == other.day.year(),
            Precision::Month => self.day.year() == other.day.year() && self.day.month() == other.day.month(),
            Precision::Day => self.day == other.day,
        }
    }
}

/// Which way an unqualified weekday points.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Direction {
    Past,
    Future,
}

/// A date expression before resolution.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum DateExpr {
    /// A calendar date; a missing year is taken from the reference date.
    Calendar { year: Option<i32>, month: u32, day: Option<u32> },
    /// A year on its own ("in 2008").
    Year(i32),
    /// "on Wednesday", "last Tuesday", "next Monday"; `None` lets the tense decide.
    Weekday { weekday: u32, direction: Option<Direction> },
    /// "yesterday", "last month", "this year".
    Relative { unit: String, offset: i32 },
    /// "three days later" (from the previous date in the text), "two weeks ago" (from the reference).
    Counted { unit: String, count: i32, from_previous: bool },
}

/// A date expression found in text.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DateMention {
    /// Byte range of the expression in the text.
    pub range: Range<usize>,
    pub expr: DateExpr,
    /// A time of day written with the date ("8 a.m. ET"), verbatim.
    pub time: Option<String>,
}

/// Finds every date expression in `text`, in order.
pub fn find_dates(text: &str, knowledge: &Knowledge) -> Vec<DateMention> {
    let toks = tokens(text);
    let mut out = Vec::new();
    let mut i = 0;
    while i < toks.len() {
        if let Some((expr, end)) = match_at(&toks, i, knowledge) {
            let (time, time_end) = time_after(text, &toks, end, knowledge);
            let last = time_end.max(end);
            out.push(DateMention { range: toks[i].start..toks[last - 1].end(), expr, time });
            i = last;
        } else if let Some((time, end)) = time_at(text, &toks, i, knowledge) {
            // "23:17 GMT on Sunday": the day written after a time is its day;
            // a time alone ("at about 8 a.m. ET") belongs to the day the text is about.
            let mut j = end;
            while is_punct(&toks, j, ",")
                || word(&toks, j).is_some_and(|w| matches!(w.to_lowercase().as_str(), "on" | "of"))
            {
                j += 1;
            }
            let (expr, last) = match match_at(&toks, j, knowledge) {
                Some((expr, after)) => (expr, after),
                None => (DateExpr::Relative { unit: "day".into(), offset: 0 }, end),
            };
            out.push(DateMention { range: toks[i].start..toks[last - 1].end(), expr, time: Some(time) });
            i = last;
        } else {
            i += 1;
        }
    }
    out
}

fn word<'a>(toks: &'a [Token], i: usize) -> Option<&'a str> {
    toks.get(i).filter(|t| t.is_word()).map(|t| t.text)
}

fn is_punct(toks: &[Token], i: usize, p: &str) -> bool {
    toks.get(i).is_some_and(|t| t.kind == TokenKind::Punct && t.text == p)
}

fn number(toks: &[Token], i: usize) -> Option<u32> {
    let t = toks.get(i).filter(|t| t.kind == TokenKind::Number)?;
    let digits: String = t.text.chars().take_while(char::is_ascii_digit).collect();
    let suffix = &t.text[digits.len()..];
    if !suffix.is_empty() && !matches!(suffix.to_ascii_lowercase().as_str(), "st" | "nd" | "rd" | "th") {
        return None;
    }
    digits.parse().ok()
}

fn year(toks: &[Token], i: usize) -> Option<i32> {
    let t = toks.get(i).filter(|t| t.kind == TokenKind::Number && t.text.len() == 4)?;
    t.text.parse().ok().filter(|y| (1000..3000).contains(y))
}

/// A month word, with the index after it (skipping an abbreviation's period).
fn month_at(toks: &[Token], i: usize, knowledge: &Knowledge) -> Option<(u32, usize)> {
    let month = knowledge.month(word(toks, i)?)?;
    let next = if is_punct(toks, i + 1, ".") && toks[i].text.len() <= 4 { i + 2 } else { i + 1 };
    Some((month, next))
}

fn match_at(toks: &[Token], i: usize, knowledge: &Knowledge) -> Option<(DateExpr, usize)> {
    let w = word(toks, i)?;
    // ISO 2025-09-04.
    if let Some(date) = NaiveDate::parse_from_str(w, "%Y-%m-%d").ok().filter(|_| w.len() == 10) {
        return Some((calendar(date.year(), date.month(), Some(date.day())), i + 1));
    }
    if let Some(found) = numeric_date_at(toks, i) {
        return Some(found);
    }
    // Weekday, optionally qualified and optionally followed by a calendar date.
    let (qualifier, wi) = match w.to_lowercase().as_str() {
        "last" | "past" => (Some(Direction::Past), i + 1),
        "next" | "coming" => (Some(Direction::Future), i + 1),
        _ => (None, i),
    };
    if let Some(weekday) = word(toks, wi).and_then(|w| knowledge.weekday(w)) {
        let after = if is_punct(toks, wi + 1, ",") { wi + 2 } else { wi + 1 };
        if let Some((expr, end)) = calendar_at(toks, after, knowledge) {
            return Some((expr, end));
        }
        return Some((DateExpr::Weekday { weekday, direction: qualifier }, wi + 1));
    }
    if let Some(found) = calendar_at(toks, i, knowledge) {
        return Some(found);
    }
    // "mid-August", "early September", "in March 2025", "since 2008".
    if let Some(found) = month_or_year_at(toks, i, knowledge) {
        return Some(found);
    }
    if let Some(found) = relative_at(toks, i, knowledge) {
        return Some(found);
    }
    counted_at(toks, i, knowledge)
}

/// "04/03/2026" or "04.03.2026": day first, as most of the world writes it,
/// unless the first number cannot be a month's day order ("12/25/2026").
fn numeric_date_at(toks: &[Token], i: usize) -> Option<(DateExpr, usize)> {
    let (a, b, y, end) = if toks[i].text.matches('.').count() == 2 {
        let parts: Vec<&str> = toks[i].text.split('.').collect();
        (parts[0].parse().ok()?, parts[1].parse().ok()?, parts[2].parse().ok()?, i + 1)
    } else if is_punct(toks, i + 1, "/") && is_punct(toks, i + 3, "/") {
        (number(toks, i)?, number(toks, i + 2)?, year(toks, i + 4)?, i + 5)
    } else {
        return None;
    };
    if !(1000..3000).contains(&y) {
        return None;
    }
    let (day, month) = if b > 12 { (b, a) } else { (a, b) };
    NaiveDate::from_ymd_opt(y, month, day)?;
    Some((calendar(y, month, Some(day)), end))
}

fn calendar(year: i32, month: u32, day: Option<u32>) -> DateExpr {
    DateExpr::Calendar { year: Some(year), month, day }
}

/// "September 4, 2025", "Sept. 4", "4 September 2025".
fn calendar_at(toks: &[Token], i: usize, knowledge: &Knowledge) -> Option<(DateExpr, usize)> {
    if let Some((month, next)) = month_at(toks, i, knowledge)
        && let Some(day) = number(toks, next).filter(|d| (1..=31).contains(d))
    {
        let mut end = next + 1;
        let mut year_found = None;
        let after_comma = if is_punct(toks, end, ",") { end + 1 } else { end };
        if let Some(y) = year(toks, after_comma) {
            year_found = Some(y);
            end = after_comma + 1;
        }
        return Some((DateExpr::Calendar { year: year_found, month, day: Some(day) }, end));
    }
    if let Some(day) = number(toks, i).filter(|d| (1..=31).contains(d))
        && let Some((month, next)) = month_at(toks, i + 1, knowledge)
    {
        let (year_found, end) = match year(toks, next) {
            Some(y) => (Some(y), next + 1),
            None => (None, next),
        };
        return Some((DateExpr::Calendar { year: year_found, month, day: Some(day) }, end));
    }
    None
}

fn month_or_year_at(toks: &[Token], i: usize, knowledge: &Knowledge) -> Option<(DateExpr, usize)> {
    let w = word(toks, i)?;
    let lower = w.to_lowercase();
    // One token "mid-August".
    for prefix in ["mid-", "early-", "late-"] {
        if let Some(rest) = lower.strip_prefix(prefix)
            && let Some(month) = knowledge.month(rest)
        {
            return Some(month_with_year(toks, i + 1, month));
        }
    }
    let introduces = matches!(
        lower.as_str(),
        "in" | "since" | "until" | "by" | "from" | "early" | "mid" | "late" | "during" | "through"
    );
    if !introduces {
        return None;
    }
    if let Some((month, next)) = month_at(toks, i + 1, knowledge) {
        return Some(month_with_year(toks, next, month));
    }
    year(toks, i + 1).map(|y| (DateExpr::Year(y), i + 2))
}

fn month_with_year(toks: &[Token], i: usize, month: u32) -> (DateExpr, usize) {
    match year(toks, i) {
        Some(y) => (DateExpr::Calendar { year: Some(y), month, day: None }, i + 1),
        None => (DateExpr::Calendar { year: None, month, day: None }, i),
    }
}

/// Phrases from the data file: "yesterday", "last month", "earlier this year".
fn relative_at(toks: &[Token], i: usize, knowledge: &Knowledge) -> Option<(DateExpr, usize)> {
    let words: Vec<String> =
        toks[i..].iter().take(5).take_while(|t| t.is_word()).map(|t| t.text.to_lowercase()).collect();
    knowledge
        .relative_phrases()
        .iter()
        .filter_map(|r| {
            let phrase = &r.words;
            (phrase.len() <= words.len() && phrase.iter().zip(&words).all(|(a, b)| a == b)).then_some((r, phrase.len()))
        })
        .max_by_key(|(_, n)| *n)
        .map(|(r, n)| (DateExpr::Relative { unit: r.unit.clone(), offset: r.offset }, i + n))
}

/// "three days later", "two weeks ago", "a month earlier".
fn counted_at(toks: &[Token], i: usize, knowledge: &Knowledge) -> Option<(DateExpr, usize)> {
    let (count, used) = small_number_at(toks, i, knowledge)?;
    let unit = knowledge.unit(word(toks, i + used)?)?.to_string();
    let direction = word(toks, i + used + 1)?.to_lowercase();
    let (from_previous, sign) = if direction == "ago" {
        (false, -1)
    } else if knowledge.after_words.contains(&direction) && direction != "on" {
        (true, 1)
    } else if knowledge.before_words.contains(&direction) {
        (true, -1)
    } else {
        return None;
    };
    // "three days after the website published …" counts from the event named
    // next, not from the last date: it cannot be resolved from the text alone.
    let anchored_ahead = matches!(direction.as_str(), "after" | "before")
        && word(toks, i + used + 2).is_some_and(|w| !matches!(w.to_lowercase().as_str(), "that" | "this" | "which"));
    if anchored_ahead {
        return None;
    }
    let count = i32::try_from(count).ok()? * sign;
    Some((DateExpr::Counted { unit, count, from_previous }, i + used + 2))
}

/// A time of day at token `i`: "8 a.m.", "9:57 a.m. ET", "4:25 PM", "14:00 GMT".
fn time_at(text: &str, toks: &[Token], i: usize, knowledge: &Knowledge) -> Option<(String, usize)> {
    let t = toks.get(i).filter(|t| t.kind == TokenKind::Number)?;
    let clock = t.text.contains(':');
    let mut end = i + 1;
    let meridiem = word(toks, end).map(|w| w.to_lowercase().replace('.', ""));
    // "4pm", "10am": the meridiem written into the number.
    let joined = {
        let lower = t.text.to_lowercase();
        (lower.ends_with("am") || lower.ends_with("pm"))
            && lower[..lower.len() - 2].chars().all(|c| c.is_ascii_digit() || c == ':')
            && lower.len() > 2
    };
    if joined {
        if word(toks, end).is_some_and(|w| knowledge.is_time_zone(w)) {
            end += 1;
        }
        return Some((text[t.start..toks[end - 1].end()].to_string(), end));
    }
    if matches!(meridiem.as_deref(), Some("am" | "pm")) {
        end += 1;
    } else if !clock {
        return None;
    }
    if word(toks, end).is_some_and(|w| knowledge.is_time_zone(w)) {
        end += 1;
    } else if end == i + 1 {
        return None;
    }
    Some((text[t.start..toks[end - 1].end()].to_string(), end))
}

/// A time right after a date ("September 04, 2025, 4:25 PM"; "Sept. 4 at 8 a.m.").
fn time_after(text: &str, toks: &[Token], i: usize, knowledge: &Knowledge) -> (Option<String>, usize) {
    let mut j = i;
    while is_punct(toks, j, ",")
        || word(toks, j).is_some_and(|w| matches!(w.to_lowercase().as_str(), "at" | "about" | "around"))
    {
        j += 1;
    }
    match time_at(text, toks, j, knowledge) {
        Some((time, end)) => (Some(time), end),
        None => (None, i),
    }
}

/// Resolves an expression against `reference` (the publication or event
/// date) and `previous` (the last date resolved in the same text).
/// `future` says the sentence speaks of what is to come, for bare weekdays.
pub fn resolve(expr: &DateExpr, reference: NaiveDate, previous: Option<Date>, future: bool) -> Option<Date> {
    match expr {
        DateExpr::Calendar { year, month, day } => {
            let year = year.unwrap_or_else(|| infer_year(reference, *month, future));
            match day {
                Some(d) => NaiveDate::from_ymd_opt(year, *month, *d).map(Date::day),
                None => NaiveDate::from_ymd_opt(year, *month, 1).map(|day| Date { day, precision: Precision::Month }),
            }
        }
        DateExpr::Year(y) => NaiveDate::from_ymd_opt(*y, 1, 1).map(|day| Date { day, precision: Precision::Year }),
        DateExpr::Weekday { weekday, direction } => {
            let target = Weekday::try_from(u8::try_from(*weekday - 1).ok()?).ok()?;
            let direction = direction.unwrap_or(if future { Direction::Future } else { Direction::Past });
            let today = reference.weekday().num_days_from_monday() as i64;
            let wanted = target.num_days_from_monday() as i64;
            let delta = match direction {
                Direction::Past => -((today - wanted).rem_euclid(7)),
                Direction::Future => (wanted - today).rem_euclid(7),
            };
            Some(Date::day(reference + Duration::days(delta)))
        }
        DateExpr::Relative { unit, offset } => shift(Date::day(reference), unit, *offset, true),
        DateExpr::Counted { unit, count, from_previous } => {
            let base = if *from_previous { previous? } else { Date::day(reference) };
            shift(base, unit, *count, false)
        }
    }
}

/// A month without a year is the nearest such month: the past one unless
/// the sentence looks ahead.
fn infer_year(reference: NaiveDate, month: u32, future: bool) -> i32 {
    let year = reference.year();
    if future && month < reference.month() {
        year + 1
    } else if !future && month > reference.month() + 1 {
        year - 1
    } else {
        year
    }
}

/// Moves a date by `count` units. With `coarsen` (phrases such as "last
/// month"), the result is only as precise as the unit; "three days later"
/// stays a day only if its base was a day.
fn shift(base: Date, unit: &str, count: i32, coarsen: bool) -> Option<Date> {
    let day = base.day;
    let moved = match unit {
        "day" => day.checked_add_signed(Duration::days(count.into()))?,
        "week" => day.checked_add_signed(Duration::weeks(count.into()))?,
        "month" if count >= 0 => day.checked_add_months(Months::new(count.unsigned_abs()))?,
        "month" => day.checked_sub_months(Months::new(count.unsigned_abs()))?,
        "year" => NaiveDate::from_ymd_opt(day.year() + count, day.month(), day.day().min(28))?,
        _ => return None,
    };
    // "last month" is a month, not a day; "last week" is known to its month.
    let unit_precision = match unit {
        "week" | "month" => Precision::Month,
        "year" => Precision::Year,
        _ => Precision::Day,
    };
    let precision = if coarsen { unit_precision.min(base.precision) } else { base.precision };
    let day = match precision {
        Precision::Day => moved,
        Precision::Month => moved.with_day(1)?,
        Precision::Year => NaiveDate::from_ymd_opt(moved.year(), 1, 1)?,
    };
    Some(Date { day, precision })
}

/// The first full calendar date (with day and year) in `text`: for datelines.
pub fn first_full_date(text: &str, knowledge: &Knowledge) -> Option<NaiveDate> {
    find_dates(text, knowledge).into_iter().find_map(|m| match m.expr {
        DateExpr::Calendar { year: Some(y), month, day: Some(d) } => NaiveDate::from_ymd_opt(y, month, d),
        _ => None,
    })
}

/// Month names, as the briefing writes dates.
pub const MONTH_NAMES: [&str; 12] = [
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
];

/// "4 September 2025", "September 2025" or "2025".
pub fn human_date(iso: &str) -> String {
    let parts: Vec<&str> = iso.split('-').collect();
    let month = |m: &str| m.parse::<usize>().ok().and_then(|m| MONTH_NAMES.get(m.wrapping_sub(1))).copied();
    match parts.as_slice() {
        [y, m, d] => match (month(m), d.parse::<u32>()) {
            (Some(m), Ok(d)) => format!("{d} {m} {y}"),
            _ => iso.to_string(),
        },
        [y, m] => month(m).map_or_else(|| iso.to_string(), |m| format!("{m} {y}")),
        _ => iso.to_string(),
    }
}
