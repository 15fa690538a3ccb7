//! Decides, for each quoted span, whether it is a quotation or a term, and
//! whose words a quotation is. Speech verbs (`data/speech.toml`) are found
//! outside the quotes; each verb's subject is read on either side ("Vogel
//! said", "said Martin Marchal, the director…", "Mr. Vogel, the German
//! chancellor, said"), and pronouns and titles ("she added", "the Ukrainian
//! leader") are resolved through the source's attribution history.

use std::cell::OnceCell;
use std::collections::HashMap;

use super::people::{Gender, LocalPerson};
use super::spans::Span;
use crate::knowledge::{Knowledge, Place};
use crate::text::{Token, TokenKind, capitalise_first, fold};

/// Who said something.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Speaker {
    /// A person of this source, by index.
    Person(usize),
    /// A speaker that is not a named person: "Downing Street spokesperson", "Kremlin".
    Named(String),
    Unknown,
}

/// A paragraph as the attribution rules see it.
pub struct Para<'a> {
    pub text: &'a str,
    pub toks: Vec<Token<'a>>,
    /// Token ranges of person mentions and whose they are: (first, last, person).
    pub names: Vec<(usize, usize, usize)>,
    pub heading: bool,
}

/// What a quoted span turned out to be.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Verdict {
    Quote { speaker: Speaker, partial: bool },
    Term,
}

/// A speech act seen in the text: who spoke, for pronouns and follow-ups.
#[derive(Debug, Clone)]
struct Said {
    para: usize,
    token: usize,
    speaker: Speaker,
}

struct Attributor<'a> {
    paras: &'a [Para<'a>],
    people: &'a [LocalPerson],
    knowledge: &'a Knowledge,
    history: Vec<Said>,
    /// Which tokens of each paragraph read so far lie inside quotations.
    masks: Vec<Vec<bool>>,
    /// Where each capitalised word stands, (paragraph, token) in reading
    /// order, so that looking back for a name does not rescan the article.
    /// Made on the first look-up: most sources never need it.
    capitalised: OnceCell<HashMap<&'a str, Vec<(usize, usize)>>>,
}

/// How many earlier paragraphs naming a word are searched for the name of an
/// institution ("the bank"): an article names it within a few paragraphs.
const INSTITUTION_LOOKBACK: usize = 64;

/// Judges every outermost span. `spans` are in paragraph order.
/// Returns the verdicts and the people who were the subject of a speech verb.
pub fn judge(
    paras: &[Para],
    spans: &[Span],
    people: &[LocalPerson],
    knowledge: &Knowledge,
) -> (Vec<Verdict>, Vec<usize>) {
    let mut attributor =
        Attributor { paras, people, knowledge, history: Vec::new(), masks: Vec::new(), capitalised: OnceCell::new() };
    let mut verdicts = vec![Verdict::Term; spans.len()];
    for (p, para) in paras.iter().enumerate() {
        let in_para: Vec<usize> = (0..spans.len()).filter(|&s| spans[s].para == p && !spans[s].nested).collect();
        let masked = mask(para, in_para.iter().map(|&s| &spans[s]));
        let speech = attributor.speech_acts(p, &masked);
        attributor.masks.push(masked.clone());
        let mut previous: Option<(usize, Speaker)> = None;
        for &s in &in_para {
            let mut verdict = attributor.verdict(p, &spans[s], &masked, &speech, in_para.len());
            // “reckless” … and that it was “politically timed”: a later quotation of
            // the sentence with no verb of its own is the same speaker's.
            let unattributed = matches!(&verdict, Verdict::Quote { speaker: Speaker::Unknown, .. })
                || (verdict == Verdict::Term && !attributor.marked_as_term(p, &spans[s]));
            if unattributed
                && let Some((close, speaker)) = &previous
                && !attributor.sentence_ends_between(p, *close, spans[s].open)
            {
                let partial =
                    matches!(verdict, Verdict::Term) || matches!(verdict, Verdict::Quote { partial: true, .. });
                verdict = Verdict::Quote { speaker: speaker.clone(), partial };
            }
            if let Verdict::Quote { speaker, .. } = &verdict
                && *speaker != Speaker::Unknown
            {
                previous = Some((spans[s].after, speaker.clone()));
            }
            verdicts[s] = verdict;
        }
    }
    unify_chains(spans, &mut verdicts);
    let speakers = attributor
        .history
        .iter()
        .filter_map(|said| match said.speaker {
            Speaker::Person(i) => Some(i),
            _ => None,
        })
        .collect();
    (verdicts, speakers)
}

/// The paragraphs of a multi-paragraph quotation are one quotation: its
/// speaker is named in whichever paragraph carries the attribution, often the last.
fn unify_chains(spans: &[Span], verdicts: &mut [Verdict]) {
    let mut s = 0;
    while s < spans.len() {
        if !spans[s].continues || spans[s].continued {
            s += 1;
            continue;
        }
        let mut end = s;
        while end + 1 < spans.len() && spans[end].continues && spans[end + 1].continued {
            end += 1;
        }
        let speaker = verdicts[s..=end]
            .iter()
            .find_map(|v| match v {
                Verdict::Quote { speaker, .. } if *speaker != Speaker::Unknown => Some(speaker.clone()),
                _ => None,
            })
            .unwrap_or(Speaker::Unknown);
        let partial = matches!(verdicts[s], Verdict::Quote { partial: true, .. });
        for verdict in &mut verdicts[s..=end] {
            *verdict = Verdict::Quote { speaker: speaker.clone(), partial };
        }
        s = end + 1;
    }
}

/// For each token, whether it lies inside a quoted span (or is one of its marks).
fn mask<'s>(para: &Para, spans: impl Iterator<Item = &'s Span>) -> Vec<bool> {
    let spans: Vec<(usize, usize)> = spans.map(|s| (s.open, s.after)).collect();
    para.toks.iter().map(|t| spans.iter().any(|&(open, after)| t.start >= open && t.start < after)).collect()
}

const SKIPPABLE: [&str; 34] = [
    "also",
    "then",
    "later",
    "again",
    "previously",
    "earlier",
    "repeatedly",
    "publicly",
    "privately",
    "reportedly",
    "always",
    "still",
    "has",
    "had",
    "have",
    "was",
    "were",
    "is",
    "would",
    "will",
    "did",
    "does",
    "not",
    "never",
    "on",
    "last",
    "this",
    "once",
    "further",
    "recently",
    "finally",
    "today",
    "yesterday",
    "separately",
];

impl Attributor<'_> {
    fn words(&self, p: usize) -> Vec<&str> {
        self.paras[p].toks.iter().map(|t| t.text).collect()
    }

    /// Every speech verb outside quotes in paragraph `p`, with its subject resolved.
    fn speech_acts(&mut self, p: usize, masked: &[bool]) -> Vec<Said> {
        let paras = self.paras;
        let toks = &paras[p].toks;
        let words: Vec<&str> = toks.iter().map(|t| t.text).collect();
        let mut acts: Vec<Said> = Vec::new();
        let mut i = 0;
        while i < toks.len() {
            if masked[i] || toks[i].kind != TokenKind::Word {
                i += 1;
                continue;
            }
            let lower: Vec<String> = words[i..(i + 3).min(words.len())].iter().map(|w| w.to_lowercase()).collect();
            let lower: Vec<&str> = lower.iter().map(String::as_str).collect();
            let verb = self.knowledge.speech_verb_at(&lower).map(|(n, _)| (n, false));
            let phrase = self.knowledge.attribution_phrase_at(&lower).map(|n| (n, true));
            let Some((n, according)) = phrase.or(verb) else {
                i += 1;
                continue;
            };
            // "said Martin Marchal" reads the subject after the verb only right
            // after a quotation; elsewhere the word after a verb is its object.
            let inverted = i == 0 || masked[i - 1] || (toks[i - 1].text == "," && i >= 2 && masked[i - 2]);
            let subject = if according {
                self.subject_after(p, i + n, masked)
            } else if inverted {
                self.subject_after(p, i + n, masked).or_else(|| self.subject_before(p, i, masked))
            } else {
                self.subject_before(p, i, masked)
            };
            if let Some(subject) = subject {
                let resolved = self.resolve(p, i, subject, masked);
                let said = Said { para: p, token: i, speaker: resolved };
                // Seen at once, so that later verbs of the paragraph can refer back to it.
                self.history.push(said.clone());
                acts.push(said);
            }
            i += n;
        }
        acts
    }

    /// The speaker of the most recent speech act before (p, token) whose
    /// gender fits: pronouns point back to the last person who spoke.
    fn resolve(&self, p: usize, token: usize, subject: Subject, masked: &[bool]) -> Speaker {
        match subject {
            Subject::Speaker(speaker) => speaker,
            Subject::Pronoun(gender) => {
                // A pronoun stands for a person the text has shown to be one: by
                // a title, a role, an age, or by having spoken.
                let spoke = |i: usize| self.history.iter().any(|said| said.speaker == Speaker::Person(i));
                let fits_person = |i: usize| {
                    (!self.people[i].weak || spoke(i))
                        && (gender.is_none() || self.people[i].gender.is_none() || self.people[i].gender == gender)
                };
                let candidates = self.history.iter().rev();
                let last_speaker =
                    candidates.filter(|said| said.para < p || said.token < token).find(|said| match &said.speaker {
                        Speaker::Person(i) => fits_person(*i),
                        Speaker::Named(_) => true,
                        Speaker::Unknown => false,
                    });
                // A person who has since become the subject of a sentence takes over:
                // "Abdul Rahman, a shopkeeper, was asleep … “…,” he said."
                let since = last_speaker.map(|said| (said.para, said.token));
                if let Some(person) = self.newly_named(p, token, since, masked, &fits_person) {
                    return Speaker::Person(person);
                }
                let subject = self.last_sentence_subject(p, token).filter(|&(_, _, person)| fits_person(person));
                match (last_speaker, subject) {
                    (Some(said), Some((sp, st, person))) if (sp, st) > (said.para, said.token) => {
                        Speaker::Person(person)
                    }
                    (Some(said), _) => said.speaker.clone(),
                    (None, Some((_, _, person))) => Speaker::Person(person),
                    // Nobody has spoken yet: the last person mentioned.
                    (None, None) => self.last_person_before(p, token, gender).map_or(Speaker::Unknown, Speaker::Person),
                }
            }
        }
    }

    /// The latest person before (p, token) named as the subject of a sentence
    /// (first in it, after any title), as (paragraph, token, person).
    fn last_sentence_subject(&self, p: usize, token: usize) -> Option<(usize, usize, usize)> {
        (0..=p).rev().find_map(|q| {
            self.paras[q].names.iter().rev().filter(|(first, _, _)| q < p || *first < token).find_map(
                |&(first, _, person)| {
                    let start = (0..first).rev().find(|&j| self.ends_sentence(q, j)).map_or(0, |j| j + 1);
                    self.only_titles_between(q, start, first).then_some((q, first, person))
                },
            )
        })
    }

    fn last_person_before(&self, p: usize, token: usize, gender: Option<Gender>) -> Option<usize> {
        (0..=p).rev().find_map(|q| {
            self.paras[q]
                .names
                .iter()
                .rev()
                .filter(|(_, last, _)| q < p || *last < token)
                .map(|&(_, _, person)| person)
                .find(|&person| {
                    !self.people[person].weak
                        && (gender.is_none() || self.people[person].gender.is_none_or(|g| Some(g) == gender))
                })
        })
    }

    /// The one person, fitting the pronoun, named outside quotations in this
    /// paragraph before `token`, in a sentence after that of `since` (the
    /// last speech act): "Among the injured was Jane Roe, 45. “…,” she said."
    /// A person named in the speech act's own sentence is what was said about.
    fn newly_named(
        &self,
        p: usize,
        token: usize,
        since: Option<(usize, usize)>,
        masked: &[bool],
        fits: &dyn Fn(usize) -> bool,
    ) -> Option<usize> {
        // From the sentence after the last speech act (at most three paragraphs
        // back: "Chief Executive Jane Roe addressed owners." / “…” / “…,” she said.)
        let (from_para, after) = match since {
            Some((sp, st)) if sp + 3 >= p => {
                (sp, (st..self.paras[sp].toks.len()).find(|&j| self.ends_sentence(sp, j)).unwrap_or(usize::MAX))
            }
            _ => (p, 0),
        };
        let mut found: Vec<usize> = Vec::new();
        for q in from_para..=p {
            let mask_q: &[bool] = if q == p { masked } else { &self.masks[q] };
            for &(first, last, person) in &self.paras[q].names {
                let in_range = (q > from_para || first >= after) && (q < p || last < token);
                if in_range && !mask_q[first] && fits(person) {
                    found.push(person);
                }
            }
        }
        the_only(found)
    }

    /// The subject written before a verb at token `v`: a name, a pronoun, a
    /// title or an office, skipping adverbs, time words and appositions.
    fn subject_before(&self, p: usize, v: usize, masked: &[bool]) -> Option<Subject> {
        let toks = &self.paras[p].toks;
        let direct = self.subject_before_verb(p, v, masked);
        // "Mum-of-two Jane Roe, 34, from Leeds, whose dad …, said:": when the
        // appositions defeat the reading, the one person the clause names.
        if direct.is_none() && v > 0 && toks[v - 1].text == "," {
            // "Jane Roe, a friend of Mr. Doe's who was his chief of staff, said": the
            // clause's subject opens it, before the apposition.
            let start = self.clause_start(p, v, masked);
            if let Some(subject @ Subject::Speaker(Speaker::Person(_))) = self.clause_subject(p, start, v, masked) {
                return Some(subject);
            }
            return self.only_person_in_clause(p, v, masked).map(|person| Subject::Speaker(Speaker::Person(person)));
        }
        direct
    }

    /// The one person named outside quotations in the sentence before token `v`.
    fn only_person_in_clause(&self, p: usize, v: usize, masked: &[bool]) -> Option<usize> {
        let start = self.clause_start(p, v, masked);
        let found: Vec<usize> = self.paras[p]
            .names
            .iter()
            .filter(|&&(first, last, _)| first >= start && last < v && !masked[first])
            .map(|&(_, _, person)| person)
            .filter(|&person| !self.people[person].weak)
            .collect();
        the_only(found)
    }

    fn subject_before_verb(&self, p: usize, v: usize, masked: &[bool]) -> Option<Subject> {
        let toks = &self.paras[p].toks;
        let mut i = v.checked_sub(1)?;
        let mut skipped = 0;
        loop {
            if masked[i] {
                return None;
            }
            let lower = toks[i].text.to_lowercase();
            let adverb = toks[i].kind == TokenKind::Word
                && lower.ends_with("ly")
                && lower.len() > 4
                && !toks[i].is_capitalised();
            // "on Wednesday", "last month", "this week".
            let time = self.knowledge.weekday(toks[i].text).is_some()
                || self.knowledge.day_parts.contains(&lower)
                || (self.knowledge.unit(&lower).is_some()
                    && i > 0
                    && matches!(toks[i - 1].text.to_lowercase().as_str(), "last" | "this" | "next" | "that"));
            if skipped < 4 && (SKIPPABLE.contains(&lower.as_str()) || adverb || time) {
                skipped += 1;
                i = i.checked_sub(1)?;
                continue;
            }
            // "Sen. Jane Roe (D-Ore.) said": a party and state in brackets after the name.
            if toks[i].text == ")"
                && let Some(open) = (i.saturating_sub(8)..i).rev().find(|&j| toks[j].text == "(")
            {
                i = open.checked_sub(1)?;
                continue;
            }
            if matches!(toks[i].text, "and" | "but") {
                // "has denied wrongdoing and has called the case …": the subject of the clause.
                let open = (0..i).rev().find(|&j| masked[j] || self.ends_sentence(p, j)).map_or(0, |j| j + 1);
                return self.clause_subject(p, open, i, masked);
            }
            if toks[i].text == "," && lower_is_participle(&toks[v]) {
                // "Putin hailed …, adding that": the participle's subject opens the clause before.
                let open = (0..i)
                    .rev()
                    .find(|&j| toks[j].text == "," || masked[j] || self.ends_sentence(p, j))
                    .map_or(0, |j| j + 1);
                return self.clause_subject(p, open, i, masked);
            }
            if matches!(toks[i].text, "," | "—" | "–") {
                // ", Sébastien Duval, said": the name between commas is the subject;
                // ", the German chancellor, said" / ", who …, said" / "— no relation —": skip the clause.
                let mark = toks[i].text;
                let open = (i.saturating_sub(16)..i).rev().find(|&j| toks[j].text == mark || masked[j])?;
                if masked[open] {
                    return None;
                }
                // A word no evidence shows to be a person is more likely a place
                // ("Jane Roe, 61, of Ames, Iowa, said").
                if let Some(person) = self
                    .name_spanning(p, open + 1, i - 1)
                    .filter(|&x| !self.people[x].weak || self.people[x].full.len() >= 2)
                {
                    return Some(Subject::Speaker(Speaker::Person(person)));
                }
                i = open.checked_sub(1)?;
                continue;
            }
            break;
        }
        if let Some(gender) = self.pronoun(&toks[i]) {
            return Some(Subject::Pronoun(gender));
        }
        if let Some(&(first, _, person)) = self.paras[p].names.iter().find(|(_, last, _)| *last == i) {
            // "…, of Ames, Iowa, said": a word no evidence shows to be a person,
            // after a preposition, is its object (a place), not the subject.
            let object = first > 0
                && self.knowledge.grammar.prepositions.contains(&toks[first - 1].text.to_lowercase())
                && self.people[person].weak;
            if object {
                return None;
            }
            return Some(Subject::Speaker(Speaker::Person(person)));
        }
        self.noun_phrase_ending_at(p, i, masked)
    }

    /// The subject at the start of a clause `a..b`: its first name or pronoun.
    fn clause_subject(&self, p: usize, a: usize, b: usize, masked: &[bool]) -> Option<Subject> {
        let toks = &self.paras[p].toks;
        let first = (a..b).find(|&j| !masked[j] && toks[j].kind == TokenKind::Word)?;
        if let Some(gender) = self.pronoun(&toks[first]) {
            return Some(Subject::Pronoun(gender));
        }
        self.paras[p]
            .names
            .iter()
            .find(|(f, _, _)| *f >= first && *f < b && self.only_titles_between(p, first, *f))
            .map(|&(_, _, person)| Subject::Speaker(Speaker::Person(person)))
    }

    /// The subject written right after a verb: "said Martin Marchal", "said a spokesperson".
    fn subject_after(&self, p: usize, start: usize, masked: &[bool]) -> Option<Subject> {
        let toks = &self.paras[p].toks;
        if start >= toks.len() || masked[start] {
            return None;
        }
        if let Some(gender) = self.pronoun(&toks[start]) {
            return Some(Subject::Pronoun(gender));
        }
        let names = &self.paras[p].names;
        if let Some(at) = names
            .iter()
            .position(|(first, _, _)| (start..start + 5).contains(first) && self.only_titles_between(p, start, *first))
        {
            // "said Clinton ally Jane Roe", "said Acme researcher Jane Roe": a name
            // that qualifies a noun is a modifier; the head is the name after it.
            let (_, last, mut person) = names[at];
            if let Some(&(_, _, head)) = names.get(at + 1).filter(|&&(next, _, _)| {
                next > last + 1
                    && next <= last + 4
                    && toks[last + 1..next].iter().all(|t| t.kind == TokenKind::Word && !t.is_capitalised())
            }) {
                person = head;
            }
            return Some(Subject::Speaker(Speaker::Person(person)));
        }
        let end = (start..toks.len().min(start + 9))
            .find(|&j| masked[j] || matches!(toks[j].text, "," | "." | ";" | ":" | "("))
            .unwrap_or(toks.len().min(start + 9));
        // "said one Toronto-based forwarder, who …": after a verb that follows
        // its quotation, a phrase opened by a determiner is the speaker.
        let determiner = matches!(toks[start].text.to_lowercase().as_str(), "a" | "an" | "one" | "another");
        self.noun_phrase(p, start, end).or_else(|| {
            (determiner && end > start + 1).then(|| {
                let text = &self.paras[p].text[toks[start + 1].start..toks[end - 1].end()];
                Subject::Speaker(Speaker::Named(text.to_string()))
            })
        })
    }

    /// Tokens from `a` to `b` are honorifics, titles, places, determiners or periods.
    fn only_titles_between(&self, p: usize, a: usize, b: usize) -> bool {
        let words = self.words(p);
        let toks = &self.paras[p].toks;
        // "Democratic Rep.", "Army Capt.", "former state Sen.": words before a title modify it.
        let title_at = (a..b).rev().find(|&j| {
            self.knowledge.honorific(words[j]).is_some() || self.knowledge.title_at(&words[j..j + 1]).is_some()
        });
        let a = match title_at {
            Some(t) if (a..t).all(|j| toks[j].kind == TokenKind::Word) => t,
            _ => a,
        };
        (a..b).all(|j| {
            let w = words[j];
            matches!(w, "." | ",")
                || matches!(w.to_lowercase().as_str(), "the" | "a" | "an" | "his" | "her" | "their" | "its")
                || self.knowledge.honorific(w).is_some()
                || self.knowledge.title_at(&words[j..b]).is_some()
                || self.knowledge.place_at(&words[j..b]).is_some()
                || (self.paras[p].toks[j].kind == TokenKind::Word
                    && !self.paras[p].toks[j].is_capitalised()
                    && self.knowledge.title_at(&[w]).is_some())
        })
    }

    fn pronoun(&self, tok: &Token) -> Option<Option<Gender>> {
        self.knowledge.pronoun(tok.text).filter(|_| tok.text.to_lowercase() != "they").map(Gender::from_code)
    }

    /// A person whose name ends at token `i`.
    fn name_ending_at(&self, p: usize, i: usize) -> Option<usize> {
        self.paras[p].names.iter().find(|(_, last, _)| *last == i).map(|&(_, _, person)| person)
    }

    /// A person whose name (with honorific or title) fills tokens `a..=b`.
    fn name_spanning(&self, p: usize, a: usize, b: usize) -> Option<usize> {
        self.paras[p]
            .names
            .iter()
            .find(|(first, last, _)| *last == b && *first >= a && self.only_titles_between(p, a, *first))
            .map(|&(_, _, person)| person)
    }

    /// A noun phrase ending at token `i`, read leftwards up to a determiner:
    /// "a Downing Street spokesperson", "European officials", "the Kremlin".
    fn noun_phrase_ending_at(&self, p: usize, i: usize, masked: &[bool]) -> Option<Subject> {
        self.subject_phrase_ending_at(p, i, masked, true)
    }

    /// The speaker named by the words ending at token `i`. The phrase must
    /// open its clause; a phrase after a preposition or a relative pronoun
    /// qualifies the speaker written before it, which is read instead (once:
    /// `hop` says whether that step is still allowed).
    fn subject_phrase_ending_at(&self, p: usize, i: usize, masked: &[bool], hop: bool) -> Option<Subject> {
        let toks = &self.paras[p].toks;
        // A noun phrase ends in a noun, not in "might", "that" or a full stop.
        if toks[i].kind == TokenKind::Punct || self.knowledge.is_stopword(toks[i].text) {
            return None;
        }
        let start = self.phrase_start(p, i, masked);
        let Some(before) = start.checked_sub(1) else { return self.noun_phrase(p, start, i + 1) };
        let word = toks[before].text.to_lowercase();
        let grammar = &self.knowledge.grammar;
        // "said that the bank …" opens a clause; "a mission that visited …" is a
        // relative clause, whose first word is a verb, not a determiner or a name.
        let first = &toks[start];
        let opens_phrase = first.is_capitalised()
            || matches!(first.text.to_lowercase().as_str(), "a" | "an" | "the" | "his" | "her" | "its" | "their");
        let relative = grammar.relative_pronouns.contains(&word) && !opens_phrase;
        if masked[before]
            || toks[before].kind == TokenKind::Punct
            || grammar.clause_openers.contains(&word)
            || (grammar.relative_pronouns.contains(&word) && !relative)
        {
            return self.noun_phrase(p, start, i + 1);
        }
        if hop && (grammar.prepositions.contains(&word) || relative) {
            let head = before.checked_sub(1)?;
            if let Some(person) = self.name_ending_at(p, head) {
                return Some(Subject::Speaker(Speaker::Person(person)));
            }
            return match self.subject_phrase_ending_at(p, head, masked, false)? {
                // "a spokesman for the terminal", "officials in Kyiv": the
                // qualifier belongs to an unnamed speaker's description.
                Subject::Speaker(Speaker::Named(name)) if grammar.prepositions.contains(&word) => {
                    let rest = &self.paras[p].text[toks[before].start..toks[i].end()];
                    Some(Subject::Speaker(Speaker::Named(format!("{name} {rest}"))))
                }
                subject => Some(subject),
            };
        }
        // After a verb or a negation, a noun is the object: "did not answer radio calls".
        None
    }

    /// Where the noun phrase ending at token `i` begins, read leftwards up to
    /// and including a determiner.
    fn phrase_start(&self, p: usize, i: usize, masked: &[bool]) -> usize {
        let toks = &self.paras[p].toks;
        let mut start = i;
        while start > 0 && i - start < 6 {
            let prev = &toks[start - 1];
            // "the Employers’ Council", "the bank’s": a possessive stays in the phrase.
            let possessive = matches!(prev.text, "’" | "'" | "’s" | "'s") && start >= 2 && !masked[start - 2];
            if masked[start - 1] || (prev.kind == TokenKind::Punct && !possessive) || prev.kind == TokenKind::Number {
                break;
            }
            let lower = prev.text.to_lowercase();
            if matches!(lower.as_str(), "a" | "an" | "the" | "his" | "her" | "its" | "their") {
                start -= 1;
                break;
            }
            if self.knowledge.is_stopword(&lower) && !prev.is_capitalised() {
                break;
            }
            start -= 1;
        }
        start
    }

    /// Names the speaker a noun phrase stands for: a person of this source
    /// for "the German chancellor", else the phrase itself when it holds a
    /// role noun, title, place or organisation.
    fn noun_phrase(&self, p: usize, start: usize, end: usize) -> Option<Subject> {
        if start >= end {
            return None;
        }
        let toks = &self.paras[p].toks[start..end];
        let words: Vec<&str> = toks.iter().map(|t| t.text).collect();
        let article = words[0].to_lowercase();
        let body_start = usize::from(matches!(article.as_str(), "a" | "an" | "the" | "his" | "her" | "its" | "their"));
        let body = &words[body_start..];
        if body.is_empty() {
            return None;
        }
        // Institutions speak too: "the ministry said", "the company said in a
        // statement", "NHTSA said" (an acronym names a body, not a person).
        let last_word = body[body.len() - 1];
        let acronym = last_word.chars().filter(|c| c.is_alphabetic()).count() >= 2
            && last_word.chars().all(|c| c.is_uppercase() || c.is_ascii_digit() || c == '.' || c == '-');
        let institution = acronym || self.knowledge.is_non_person_head(&capitalise_first(last_word));
        let has_role = institution
            || (0..body.len())
                .any(|i| self.knowledge.title_at(&body[i..]).is_some() || self.knowledge.is_role_noun(body[i]));
        let place = (0..body.len()).find_map(|i| self.knowledge.place_at(&body[i..]).map(|(place, _)| place));
        if !has_role && place.is_none() {
            return None;
        }
        // "according to a ministry spokesperson … the spokesperson said": the
        // unnamed speaker last described with that noun.
        if article == "the"
            && let Some(Speaker::Named(name)) = self.last_named_with(p, start, body[body.len() - 1])
        {
            return Some(Subject::Speaker(Speaker::Named(name)));
        }
        if matches!(article.as_str(), "the" | "his" | "her" | "their")
            && has_role
            && let Some(person) = self.person_with_role(p, start, body, place)
        {
            return Some(Subject::Speaker(Speaker::Person(person)));
        }
        // "the striker told reporters", "the 52-year-old said": a person described,
        // not named, stands for someone the text has already named.
        if article == "the" && !institution && place.is_none() {
            return Some(Subject::Pronoun(None));
        }
        // "the bank's official statement said": the bank speaks through it.
        let grammar = &self.knowledge.grammar;
        let mut body_end = toks.len();
        if grammar.document_nouns.contains(&body[body.len() - 1].to_lowercase())
            && let Some(owner) = toks.iter().rposition(|t| matches!(t.text, "’s" | "'s"))
            && owner > body_start
        {
            body_end = owner;
        }
        let head = toks[body_end - 1];
        // "the bank", "the ministry": the institution this source named in full.
        if matches!(article.as_str(), "the" | "its")
            && !head.is_capitalised()
            && head.kind == TokenKind::Word
            && let Some(name) = self.institution_named_before(p, start, head.text)
        {
            return Some(Subject::Speaker(Speaker::Named(name)));
        }
        let text = &self.paras[p].text[toks[body_start].start..toks[body_end - 1].end()];
        Some(Subject::Speaker(Speaker::Named(text.to_string())))
    }

    /// The most recent speaker before (p, token), if unnamed and described with `noun`.
    fn last_named_with(&self, p: usize, token: usize, noun: &str) -> Option<Speaker> {
        let noun = noun.to_lowercase();
        let last = self.history.iter().rev().find(|said| (said.para, said.token) < (p, token))?;
        match &last.speaker {
            Speaker::Named(name) if crate::text::words(&name.to_lowercase()).contains(&noun.as_str()) => {
                Some(last.speaker.clone())
            }
            _ => None,
        }
    }

    fn capitalised_words(&self) -> &HashMap<&str, Vec<(usize, usize)>> {
        self.capitalised.get_or_init(|| {
            let mut index: HashMap<&str, Vec<(usize, usize)>> = HashMap::new();
            for (p, para) in self.paras.iter().enumerate() {
                for (j, tok) in para.toks.iter().enumerate() {
                    if tok.kind == TokenKind::Word && tok.is_capitalised() {
                        index.entry(tok.text).or_default().push((p, j));
                    }
                }
            }
            index
        })
    }

    /// The latest capitalised name before (p, token) whose head is `noun`
    /// capitalised: "the bank" after "the National Bank of Serbia (NBS)".
    fn institution_named_before(&self, p: usize, token: usize, noun: &str) -> Option<String> {
        let head = capitalise_first(&noun.to_lowercase());
        let positions = self.capitalised_words().get(head.as_str())?;
        let before = positions.partition_point(|&at| at < (p, token));
        // The last mention of the word in each earlier paragraph, latest first.
        let mut seen: Option<usize> = None;
        let last_in_each = positions[..before].iter().rev().filter(move |&&(q, _)| seen.replace(q) != Some(q));
        last_in_each.take(INSTITUTION_LOOKBACK).find_map(|&(q, at)| {
            let toks = &self.paras[q].toks;
            let capital = |j: usize| toks[j].kind == TokenKind::Word && toks[j].is_capitalised();
            let mut first = at;
            while first > 0 && capital(first - 1) && !self.ends_sentence(q, first.saturating_sub(2)) {
                first -= 1;
            }
            let mut last = at;
            while last + 2 < toks.len() && matches!(toks[last + 1].text, "of" | "for") && capital(last + 2) {
                last += 2;
                while last + 1 < toks.len() && capital(last + 1) {
                    last += 1;
                }
            }
            // A name has more than its head word.
            (last > first).then(|| self.paras[q].text[toks[first].start..toks[last].end()].to_string())
        })
    }

    /// "the German chancellor", "the Ukrainian leader", "the analyst": the
    /// person of this source whose roles fit, the latest mentioned if several do.
    fn person_with_role(&self, p: usize, token: usize, body: &[&str], place: Option<Place>) -> Option<usize> {
        let title = (0..body.len()).find_map(|i| self.knowledge.title_at(&body[i..]).map(|(_, form, _)| fold(form)));
        let country = place.map(|p| fold(self.knowledge.place_name(p)));
        let fits = |person: &LocalPerson| {
            !person.weak
                && person.roles.iter().any(|role| {
                    let role = fold(role);
                    let title_fits = match title.as_deref() {
                        // "leader" is whatever office leads the country.
                        Some("leader") | None => country.is_some(),
                        Some(t) => role.contains(t),
                    };
                    title_fits && country.as_deref().is_none_or(|c| role.contains(c))
                })
        };
        let latest_mention = |person: usize| {
            (0..=p).rev().find_map(|q| {
                self.paras[q]
                    .names
                    .iter()
                    .rposition(|&(_, last, who)| who == person && (q < p || last < token))
                    .map(|at| (q, at))
            })
        };
        // "the minister added": of the ministers, the one who spoke last, else the latest named.
        let last_spoke = |person: usize| {
            self.history
                .iter()
                .rposition(|said| said.speaker == Speaker::Person(person) && (said.para, said.token) < (p, token))
        };
        (0..self.people.len())
            .filter(|&i| fits(&self.people[i]))
            .filter_map(|i| latest_mention(i).map(|at| ((last_spoke(i), at), i)))
            .max()
            .map(|(_, i)| i)
    }

    /// The verdict on one span.
    fn verdict(&self, p: usize, span: &Span, masked: &[bool], speech: &[Said], spans_here: usize) -> Verdict {
        let para = &self.paras[p];
        let toks = &para.toks;
        let content = &para.text[span.start..span.end];
        let words = crate::text::words(content);
        let open_tok = toks.iter().position(|t| t.start >= span.open).unwrap_or(toks.len());
        let close_tok = toks.iter().position(|t| t.start >= span.after).unwrap_or(toks.len());
        let ends_sentence = content.trim_end().ends_with(['.', '!', '?']);
        let whole_heading = para.heading
            && spans_here == 1
            && para.text[..span.open].trim().is_empty()
            && para.text[span.after..].trim().is_empty();

        // <tweet … date="…">: the value of an attribute of embedded markup.
        let attribute = para.text[..span.open].ends_with('=');
        if attribute || self.is_term(p, open_tok, &words, ends_sentence) || self.is_work_title(p, open_tok, &words) {
            return Verdict::Term;
        }
        let mut clause_start = self.clause_start(p, open_tok, masked);
        // “reckless” and “politically timed”: quotations joined by a
        // conjunction share the clause, and the verb, of the first.
        while clause_start > 0
            && masked[clause_start - 1]
            && toks[clause_start..open_tok].iter().all(|t| matches!(t.text, "and" | "or" | "," | "but"))
        {
            let run_start = (0..clause_start).rev().find(|&j| !masked[j]).map_or(0, |j| j + 1);
            clause_start = self.clause_start(p, run_start, masked);
        }
        let clause_end = self.clause_end(p, close_tok, masked);
        let before = speech.iter().rfind(|s| s.token >= clause_start && s.token < open_tok);
        let after_applies = !ends_sentence || toks.get(close_tok).is_some_and(|t| !t.is_capitalised());
        let after = speech
            .iter()
            .find(|s| s.token >= close_tok && s.token < clause_end)
            .filter(|s| after_applies || self.bare_attribution(p, close_tok, s.token));
        let direct = before.or(after).map(|s| s.speaker.clone()).filter(|s| *s != Speaker::Unknown);
        let partial = content.trim_start().starts_with(|c: char| c.is_lowercase())
            || (before.is_some() && toks.get(open_tok.wrapping_sub(1)).is_some_and(|t| t.text != ":"))
            || whole_heading;
        if let Some(speaker) = direct {
            return Verdict::Quote { speaker, partial };
        }
        // "Jane Roe:", "Roe lobbies for a higher wage:": a quotation introduced by
        // a colon is the words of the name just before it, else of the clause's subject.
        if open_tok > 0
            && toks[open_tok - 1].text == ":"
            && let Some(person) = self.name_ending_at(p, open_tok - 2).or_else(|| {
                match self.clause_subject(p, self.clause_start(p, open_tok - 1, masked), open_tok - 1, masked) {
                    Some(Subject::Speaker(Speaker::Person(person))) => Some(person),
                    _ => None,
                }
            })
        {
            return Verdict::Quote { speaker: Speaker::Person(person), partial };
        }
        let long_enough = words.len() >= 6 || (ends_sentence && words.len() >= 3);
        if !(whole_heading || long_enough) || self.is_title_case(&words) && !ends_sentence {
            return Verdict::Term;
        }
        Verdict::Quote { speaker: self.fallback_speaker(p, open_tok, speech), partial }
    }

    /// “…?” Jane Roe asked. / “….” Roe said during a hearing: a short clause
    /// after a quotation that ends its sentence, whose speech verb takes no
    /// object clause of its own, attributes the quotation before it.
    fn bare_attribution(&self, p: usize, close_tok: usize, verb: usize) -> bool {
        let toks = &self.paras[p].toks;
        if verb < close_tok || verb - close_tok > 6 {
            return false;
        }
        let Some(next) = toks.get(verb + 1) else { return true };
        let lower = next.text.to_lowercase();
        next.kind == TokenKind::Punct
            || self.knowledge.grammar.prepositions.contains(&lower)
            || matches!(lower.as_str(), "during" | "after" | "before" | "while" | "when" | "as" | "this" | "last")
            || self.knowledge.weekday(next.text).is_some()
    }

    /// Whether a term marker stands right before the span ("so-called “X”").
    fn marked_as_term(&self, p: usize, span: &Span) -> bool {
        let all = self.words(p);
        let open_tok = self.paras[p].toks.iter().position(|t| t.start >= span.open).unwrap_or(all.len());
        let before: Vec<String> = all[open_tok.saturating_sub(4)..open_tok].iter().map(|w| w.to_lowercase()).collect();
        let before: Vec<&str> = before.iter().map(String::as_str).collect();
        self.knowledge
            .term_marker_before(&before)
            .is_some_and(|n| n > 1 || !self.knowledge.is_stopword(before[before.len() - 1]))
    }

    /// Whether a sentence ends between two byte offsets of paragraph `p`.
    fn sentence_ends_between(&self, p: usize, from: usize, to: usize) -> bool {
        let toks = &self.paras[p].toks;
        (0..toks.len()).any(|j| toks[j].start >= from && toks[j].start < to && self.ends_sentence(p, j))
    }

    /// A quoted term rather than speech: "the so-called “X”", "a “tripwire
    /// force”", "known as “Y”".
    fn is_term(&self, p: usize, open_tok: usize, words: &[&str], ends_sentence: bool) -> bool {
        let all = self.words(p);
        // A word or two in quotation marks inside a noun phrase: a “perfect” pathogen.
        let toks = &self.paras[p].toks;
        let close = open_tok + 1 + words.len();
        let noun_follows = toks.get(close + 1).is_some_and(|t| {
            toks[close].kind == TokenKind::Punct
                && t.kind == TokenKind::Word
                && !t.is_capitalised()
                && !self.knowledge.is_stopword(t.text)
                && self.knowledge.speech_verb_at(&[t.text.to_lowercase().as_str()]).is_none()
        });
        let determiner_before = open_tok.checked_sub(1).is_some_and(|j| {
            matches!(all[j].to_lowercase().as_str(), "a" | "an" | "the" | "its" | "their" | "this" | "that")
        });
        if words.len() <= 3 && !ends_sentence && noun_follows && determiner_before {
            return true;
        }
        let before = &all[open_tok.saturating_sub(4)..open_tok];
        let lowered: Vec<String> = before.iter().map(|w| w.to_lowercase()).collect();
        let lowered: Vec<&str> = lowered.iter().map(String::as_str).collect();
        let Some(n) = self.knowledge.term_marker_before(&lowered) else { return false };
        // "which Lyons described as “…”", "He branded the decision “…”": a person's words.
        let marker_start = open_tok.saturating_sub(n);
        let speaker_before = marker_start
            .checked_sub(1)
            .is_some_and(|j| self.name_ending_at(p, j).is_some() || self.pronoun(&self.paras[p].toks[j]).is_some())
            || (marker_start >= 2
                && self.pronoun(&self.paras[p].toks[marker_start - 2]).is_some()
                && self.paras[p].toks[marker_start - 1].text.to_lowercase() == "also");
        if speaker_before && n >= 1 && !self.knowledge.is_stopword(lowered[lowered.len() - n]) {
            return false;
        }
        let marker_is_function_word = n == 1 && self.knowledge.is_stopword(lowered[lowered.len() - 1]);
        if marker_is_function_word {
            // "called it a “disaster”" is speech; "a “reassurance force”" is a term.
            let speech_just_before = lowered[..lowered.len() - 1]
                .iter()
                .enumerate()
                .any(|(i, _)| self.knowledge.speech_verb_at(&lowered[i..lowered.len() - 1]).is_some());
            words.len() <= 4 && !ends_sentence && !speech_just_before
        } else {
            words.len() <= 8
        }
    }

    /// A programme's or a book's title: title-case words after an owner's
    /// possessive or "on" ("told Acme TV's “Morning Hour”", "said on “The Week”").
    fn is_work_title(&self, p: usize, open_tok: usize, words: &[&str]) -> bool {
        let toks = &self.paras[p].toks;
        let Some(before) = open_tok.checked_sub(1) else { return false };
        let owner = toks[before].kind == TokenKind::Possessive && before > 0 && toks[before - 1].is_capitalised();
        let on = matches!(toks[before].text, "on");
        (owner || on) && self.is_title_case(words) && words.len() >= 2
    }

    fn is_title_case(&self, words: &[&str]) -> bool {
        let significant: Vec<&&str> = words.iter().filter(|w| !self.knowledge.is_stopword(w)).collect();
        words.len() <= 6 && !significant.is_empty() && significant.iter().all(|w| w.starts_with(char::is_uppercase))
    }

    /// First token of the clause holding token `i`: after the previous quote or sentence end.
    fn clause_start(&self, p: usize, i: usize, masked: &[bool]) -> usize {
        (0..i).rev().find(|&j| masked[j] || self.ends_sentence(p, j)).map_or(0, |j| j + 1)
    }

    /// Token just past the clause that starts at `i`: the next quote or sentence end.
    fn clause_end(&self, p: usize, i: usize, masked: &[bool]) -> usize {
        let toks = &self.paras[p].toks;
        (i..toks.len()).find(|&j| masked[j] || self.ends_sentence(p, j)).unwrap_or(toks.len())
    }

    fn ends_sentence(&self, p: usize, j: usize) -> bool {
        let toks = &self.paras[p].toks;
        match toks[j].text {
            "!" | "?" | ";" => true,
            // "(D-Ore.)": a period that closes an abbreviation in brackets.
            "." if toks.get(j + 1).is_some_and(|t| t.text == ")")
                && (j.saturating_sub(6)..j).any(|k| toks[k].text == "(") =>
            {
                false
            }
            "." => {
                let previous = j.checked_sub(1).map(|k| toks[k].text).unwrap_or("");
                !self.knowledge.is_abbreviation(&format!("{previous}.")) && self.knowledge.honorific(previous).is_none()
            }
            _ => false,
        }
    }

    /// When no verb governs the quote: whoever last spoke in this paragraph;
    /// for a paragraph that is only a quotation, an attribution line right
    /// after it ("Jane Roe, Ministry of Health") or a colon before it.
    fn fallback_speaker(&self, p: usize, open_tok: usize, speech: &[Said]) -> Speaker {
        if let Some(said) = speech.iter().rev().find(|s| s.token < open_tok && s.speaker != Speaker::Unknown) {
            return said.speaker.clone();
        }
        let quote_only = self.paras[p].toks.iter().zip(0..).all(|(t, j)| t.kind == TokenKind::Punct || j >= open_tok);
        if !quote_only {
            return Speaker::Unknown;
        }
        if let Some(next) = self.paras.get(p + 1)
            && let Some(&(first, last, person)) = next.names.first()
            && next.toks[..first]
                .iter()
                .all(|t| t.kind == TokenKind::Punct || self.knowledge.honorific(t.text).is_some())
            && next.toks.get(last + 1).is_none_or(|t| t.text == ",")
            && !next.text.trim_end().ends_with('.')
        {
            return Speaker::Person(person);
        }
        if p > 0 && self.paras[p - 1].text.trim_end().ends_with(':') {
            if let Some(said) = self.history.iter().rev().find(|s| s.para == p - 1) {
                return said.speaker.clone();
            }
            // "The governor opened with a statement:" — the sentence's subject speaks.
            let end = self.paras[p - 1].toks.len();
            if let Some((_, _, person)) = self.last_sentence_subject(p - 1, end).filter(|&(q, _, _)| q == p - 1) {
                return Speaker::Person(person);
            }
        }
        // A paragraph that is only a quotation goes on with whoever spoke in
        // the paragraph before it, else with the subject of its last sentence
        // ("Roe continued her remarks." / “…”).
        if p > 0 && !self.paras[p].heading {
            if let Some(said) = self.history.iter().rev().find(|s| s.para == p - 1 && s.speaker != Speaker::Unknown) {
                return said.speaker.clone();
            }
            let toks = &self.paras[p - 1].toks;
            let last_start =
                (0..toks.len().saturating_sub(1)).rev().find(|&j| self.ends_sentence(p - 1, j)).map_or(0, |j| j + 1);
            if let Some((_, _, person)) = self
                .last_sentence_subject(p - 1, toks.len())
                .filter(|&(q, first, person)| q == p - 1 && first >= last_start && !self.people[person].weak)
            {
                return Speaker::Person(person);
            }
        }
        Speaker::Unknown
    }
}

/// The person a list names, when it names one only (however often).
fn the_only(mut found: Vec<usize>) -> Option<usize> {
    found.dedup();
    match found.as_slice() {
        [one] => Some(*one),
        _ => None,
    }
}

/// "adding", "saying": a participle that takes its subject from the clause before.
fn lower_is_participle(tok: &Token) -> bool {
    tok.text.ends_with("ing") && !tok.is_capitalised()
}

/// A verb's subject before it is resolved.
enum Subject {
    Speaker(Speaker),
    Pronoun(Option<Gender>),
}
