//! Rows about people: one quotation worded differently by outlets, and the
//! ages outlets give one person.

use super::*;

/// Quotations that outlets word differently.
pub(super) fn wording_rows(quotes: &[Quote], sources: &[Source], people: &[Person]) -> Vec<Disagreement> {
    let position: HashMap<&str, usize> = sources.iter().enumerate().map(|(i, s)| (s.id.as_str(), i)).collect();
    let mut person: HashMap<&str, &Person> = HashMap::new();
    for p in people {
        person.entry(p.id.as_str()).or_insert(p);
    }
    quotes
        .iter()
        .filter(|q| q.wordings_differ)
        .filter_map(|q| {
            let mut by_source: Vec<&crate::model::QuoteOccurrence> = Vec::new();
            let mut seen = std::collections::HashSet::new();
            for o in &q.occurrences {
                if seen.insert(o.source.as_str()) {
                    by_source.push(o);
                }
            }
            if by_source.len() < 2 {
                return None;
            }
            by_source.sort_by_key(|o| position.get(o.source.as_str()).copied().unwrap_or(usize::MAX));
            let speaker = q
                .speaker
                .as_ref()
                .and_then(|id| person.get(id.as_str()))
                .map(|p| p.name.clone())
                .or_else(|| q.speaker_name.clone())
                .unwrap_or_else(|| "an unnamed speaker".into());
            let opening: String = crate::text::shorten(&q.text, 40);
            let topic = format!("Wording of {speaker}: “{opening}”");
            let values = by_source
                .iter()
                .map(|o| DisagreementValue {
                    source: o.source.clone(),
                    value: Some(o.text.clone()),
                    evidence: Some(Evidence { paragraph: o.paragraph, text: o.text.clone() }),
                })
                .collect();
            Some(Disagreement {
                id: row_id(&topic, DisagreementKind::Wording),
                topic,
                kind: DisagreementKind::Wording,
                values,
            })
        })
        .collect()
}

/// Ages outlets give one person ("Hrytsenko, 38," and "Hrytsenko, 41,"): a
/// row per person whose outlets disagree. People are the merged people, so
/// spellings and namesakes are already settled.
pub fn age_rows(sources: &[Source], findings: &[Findings], map: &PersonMap, people: &[Person]) -> Vec<Disagreement> {
    // Global person → (source, paragraph, age, offset), one per outlet.
    let mut ages: std::collections::BTreeMap<usize, Vec<(usize, usize, u32, usize)>> = Default::default();
    for (s, found) in findings.iter().enumerate() {
        for (l, local) in found.people.iter().enumerate() {
            let Some(global) = map[s].get(l).copied().flatten() else { continue };
            let entry = ages.entry(global).or_default();
            let outlet = crate::outlets::key(&sources[s]);
            if let Some(&(para, age, offset)) = local.ages.first()
                && !entry.iter().any(|&(t, ..)| crate::outlets::key(&sources[t]) == outlet)
            {
                entry.push((s, para, age, offset));
            }
        }
    }
    let mut rows = Vec::new();
    for (global, given) in ages {
        if given.len() < 2 || given.iter().all(|g| g.2 == given[0].2) {
            continue;
        }
        let topic = format!("Age of {}", people[global].name);
        let values = given
            .iter()
            .map(|&(s, para, age, offset)| {
                let claim = findings[s].claims.iter().find(|c| c.paragraph == para && c.range.contains(&offset));
                let text = claim.map(|c| c.text.clone()).unwrap_or_else(|| paragraph_text(&sources[s], para));
                DisagreementValue {
                    source: sources[s].id.clone(),
                    value: Some(age.to_string()),
                    evidence: Some(Evidence { paragraph: para, text }),
                }
            })
            .collect();
        rows.push(Disagreement {
            id: row_id(&topic, DisagreementKind::Number),
            topic,
            kind: DisagreementKind::Number,
            values,
        });
    }
    rows
}

/// A paragraph's text by its number (0 is the title).
fn paragraph_text(source: &Source, n: usize) -> String {
    if n == 0 {
        return source.title.clone().unwrap_or_default();
    }
    source.paragraphs.iter().find(|p| p.n == n).map(|p| p.text.clone()).unwrap_or_default()
}
