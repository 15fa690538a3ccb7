//! Topic names made from the words of a row's claims, never from a list
//! written for one event.

use rust_stemmers::{Algorithm, Stemmer};

use super::*;

/// Makes topic names from the words of a row's claims.
pub(super) struct Namer<'a> {
    index: &'a ClaimIndex<'a>,
    stemmer: Stemmer,
    knowledge: &'a Knowledge,
    people: &'a [Person],
}

impl<'a> Namer<'a> {
    pub(super) fn new(index: &'a ClaimIndex<'a>, knowledge: &'a Knowledge, people: &'a [Person]) -> Namer<'a> {
        Namer { index, stemmer: Stemmer::create(Algorithm::English), knowledge, people }
    }
}

impl Namer<'_> {
    pub(super) fn stem(&self, word: &str) -> String {
        let folded = fold(word).replace('-', "");
        let stem = self.stemmer.stem(&folded);
        self.knowledge.canonical_stem(&stem).to_string()
    }

    /// The words several of the claims share, as they are written ("call", "Trump").
    pub(super) fn context(&self, claims: &[usize], n: usize) -> String {
        self.context_of(claims, n, |_| true)
    }

    /// The words several claims share, among the keys `keep` accepts.
    pub(super) fn context_of(&self, claims: &[usize], n: usize, keep: impl Fn(&str) -> bool) -> String {
        let shared = self.index.shared_keys(claims).into_iter().filter(|k| keep(k));
        let mut out: Vec<String> = Vec::new();
        for key in shared {
            if out.len() >= n {
                break;
            }
            if key.ends_with("li") || key.ends_with("ly") {
                continue;
            }
            let word = if let Some(name) = key.strip_prefix("c:").or(key.strip_prefix("o:")).or(key.strip_prefix("r:"))
            {
                Some(name.to_string())
            } else if let Some(p) = key.strip_prefix("p:") {
                p.parse::<usize>().ok().and_then(|p| self.people.get(p)).map(|p| p.name.clone())
            } else if key.starts_with("d:") {
                None
            } else {
                self.surface(key, claims)
            };
            if let Some(word) = word.filter(|w| !out.contains(w)) {
                out.push(word);
            }
        }
        if out.is_empty() { "the same matter".into() } else { out.join(", ") }
    }

    /// The word of the claims whose stem is `key`, as written (lower case unless a name).
    pub(super) fn surface(&self, key: &str, claims: &[usize]) -> Option<String> {
        claims.iter().find_map(|&c| {
            words(&self.index.claims[c].text)
                .into_iter()
                .find(|w| self.stem(&w.to_lowercase()) == key)
                .map(str::to_string)
        })
    }

    /// How an entity key reads: "c:France" is France, "p:3" the person's name.
    pub(super) fn entity_name(&self, key: &str) -> String {
        match key.split_once(':') {
            Some(("p", n)) => {
                n.parse::<usize>().ok().and_then(|n| self.people.get(n)).map_or(key.to_string(), |p| p.name.clone())
            }
            Some((_, name)) => name.to_string(),
            None => key.to_string(),
        }
    }

    /// "Number of countries", "Death toll", "Duration in years", "Amount (EUR)".
    pub(super) fn number_topic(&self, kind: &str, claims: &[usize]) -> String {
        match kind.split_once(':') {
            Some(("m", measure)) => {
                self.knowledge.measure_topic(measure).map_or_else(|| format!("Number of {measure}"), str::to_string)
            }
            None if kind == "money" => "Amount of money".to_string(),
            Some(("u", _)) => {
                let unit =
                    self.index.claims[claims[0]].quantities.iter().find_map(|q| q.unit.clone()).unwrap_or_default();
                format!("Number of {unit}")
            }
            _ => "Percentage".to_string(),
        }
    }

    /// "Countries willing to send troops to Ukraine", from the words after the list.
    pub(super) fn list_topic(
        &self,
        claim: &crate::extract::Claim,
        list: &str,
        others: &[usize],
        people: bool,
    ) -> String {
        let Some(phrase) = self.predicate_phrase(&claim.text, list) else {
            // Places are the list's items, not what is said of them.
            let about = self.context_of(others, 1, |k| !k.contains(':') && !self.knowledge.is_measure_stem(k));
            return format!("{} listed: {about}", if people { "People" } else { "Countries" });
        };
        let head = if people { "People" } else { "Countries" };
        if phrase.split(' ').next().is_some_and(|w| w.ends_with("ed") && !w.eq_ignore_ascii_case("prepared")) {
            format!("{head} who {phrase}").replace("Countries who", "Countries that")
        } else {
            format!("{head} {phrase}")
        }
    }

    /// What a claim says of the list in it, from the words after the list:
    /// "willing to send troops to Ukraine", "ruled out sending troops".
    pub(super) fn predicate_phrase(&self, text: &str, list: &str) -> Option<String> {
        let after = text.find(list).map(|i| &text[i + list.len()..]).unwrap_or("");
        let toks = tokens(after);
        let skippable = |t: &crate::text::Token| {
            let lower = t.text.to_lowercase();
            t.kind == crate::text::TokenKind::Punct
                || t.is_capitalised()
                || self.knowledge.is_stopword(t.text)
                || self.knowledge.speech_verb_at(&[lower.as_str()]).is_some()
                || self.knowledge.is_topic_filler(&lower)
        };
        let start = toks.iter().position(|t| !skippable(t))?;
        let mut phrase: Vec<&crate::text::Token> =
            toks[start..].iter().take_while(|t| !matches!(t.text, "," | "." | ";" | ":")).take(6).collect();
        // "voted to keep the rate at": a phrase ends on a word that carries meaning.
        while phrase.last().is_some_and(|t| self.knowledge.is_stopword(t.text)) {
            phrase.pop();
        }
        let (first, last) = (phrase.first()?, phrase.last()?);
        Some(after[first.start..last.end()].to_string())
    }
}
