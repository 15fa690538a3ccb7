//! Article metadata given by the user: front matter fields and the optional
//! `sources.toml` beside the articles, keyed by file name.

use std::collections::BTreeMap;

use crate::knowledge::line_of;

/// Metadata fields a user can give for an article.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct SourceMeta {
    pub outlet: Option<String>,
    pub title: Option<String>,
    pub byline: Option<String>,
    pub published: Option<String>,
    pub url: Option<String>,
}

impl SourceMeta {
    /// Sets a field by its name or a common synonym; false if the key is not a field.
    pub fn set(&mut self, key: &str, value: String) -> bool {
        let value = crate::text::normalize_space(&value);
        let slot = match key.to_lowercase().as_str() {
            "outlet" | "publication" | "publisher" | "source" | "site_name" | "site" => &mut self.outlet,
            "title" | "headline" => &mut self.title,
            "byline" | "author" | "authors" | "by" => &mut self.byline,
            "published" | "date" | "published_at" | "pubdate" | "date_published" => &mut self.published,
            "url" | "link" | "canonical_url" | "canonical" => &mut self.url,
            _ => return false,
        };
        *slot = (!value.is_empty()).then_some(value);
        true
    }

    /// Fills fields left empty here from `other`.
    pub fn or(self, other: &SourceMeta) -> SourceMeta {
        SourceMeta {
            outlet: self.outlet.or_else(|| other.outlet.clone()),
            title: self.title.or_else(|| other.title.clone()),
            byline: self.byline.or_else(|| other.byline.clone()),
            published: self.published.or_else(|| other.published.clone()),
            url: self.url.or_else(|| other.url.clone()),
        }
    }
}

/// One `sources.toml` entry with the line it starts on.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SourcesEntry {
    pub meta: SourceMeta,
    pub line: usize,
}

/// A problem in `sources.toml`, with its line.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SourcesTomlProblem {
    pub line: usize,
    pub message: String,
}

/// Parses `sources.toml`: `["file.txt"]` tables of metadata fields.
/// Unknown keys are reported, not fatal; a syntax error loses the whole file.
pub fn parse_sources_toml(
    text: &str,
) -> Result<(BTreeMap<String, SourcesEntry>, Vec<SourcesTomlProblem>), SourcesTomlProblem> {
    type Raw = BTreeMap<toml::Spanned<String>, BTreeMap<toml::Spanned<String>, toml::Spanned<toml::Value>>>;
    let raw: Raw = toml::from_str(text).map_err(|err| SourcesTomlProblem {
        line: err.span().map(|s| line_of(text, s.start)).unwrap_or(1),
        message: err.message().to_string(),
    })?;
    let mut entries = BTreeMap::new();
    let mut problems = Vec::new();
    for (file, fields) in raw {
        let line = line_of(text, file.span().start);
        let mut meta = SourceMeta::default();
        for (key, value) in fields {
            let key_line = line_of(text, key.span().start);
            let rendered = match value.get_ref() {
                toml::Value::String(s) => s.clone(),
                toml::Value::Array(items) => items
                    .iter()
                    .map(|v| v.as_str().map(str::to_string).unwrap_or_else(|| v.to_string()))
                    .collect::<Vec<_>>()
                    .join(", "),
                other => other.to_string(),
            };
            if !meta.set(key.get_ref(), rendered) {
                problems.push(SourcesTomlProblem {
                    line: key_line,
                    message: format!(
                        "unknown key `{}` for {}; expected outlet, title, byline, published or url",
                        key.get_ref(),
                        file.get_ref()
                    ),
                });
            }
        }
        entries.insert(file.into_inner(), SourcesEntry { meta, line });
    }
    Ok((entries, problems))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parses_entries_and_reports_unknown_keys_with_lines() {
        let text = "[\"a.txt\"]\noutlet = \"X\"\n\n[\"b.txt\"]\ntitel = \"typo\"\nbyline = [\"A\", \"B\"]\n";
        let (entries, problems) = parse_sources_toml(text).unwrap();
        assert_eq!(entries["a.txt"].meta.outlet.as_deref(), Some("X"));
        assert_eq!(entries["b.txt"].line, 4);
        assert_eq!(entries["b.txt"].meta.byline.as_deref(), Some("A, B"));
        assert_eq!(problems.len(), 1);
        assert_eq!(problems[0].line, 5);
    }

    #[test]
    fn syntax_error_has_a_line() {
        let err = parse_sources_toml("[\"a.txt\"]\noutlet = \n").unwrap_err();
        assert_eq!(err.line, 2);
    }
}
