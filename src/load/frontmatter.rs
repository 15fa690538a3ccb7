//! Front matter at the top of a Markdown article: TOML between `+++` lines or
//! YAML between `---` lines, giving the article's metadata.

use super::metadata::SourceMeta;
use crate::knowledge::line_of;

/// Front matter that could not be read, with the file line of the problem.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FrontMatterError {
    pub line: usize,
    pub message: String,
}

/// A Markdown file split into its metadata and its body.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Split<'a> {
    pub meta: SourceMeta,
    /// Keys that were present but not understood, with their file lines.
    pub ignored: Vec<(usize, String)>,
    pub body: &'a str,
    /// File line on which the body starts.
    pub body_line: usize,
}

/// Splits off front matter if the text starts with a `+++` or `---` fence.
pub fn split(text: &str) -> Result<Split<'_>, FrontMatterError> {
    let first_line = text.lines().next().unwrap_or("").trim_end();
    let fence = match first_line {
        "+++" => "+++",
        "---" => "---",
        _ => {
            return Ok(Split { meta: SourceMeta::default(), ignored: Vec::new(), body: text, body_line: 1 });
        }
    };
    let header_start = first_line.len() + 1;
    let rest = text.get(header_start..).unwrap_or("");
    let mut offset = 0;
    let mut close = None;
    for line in rest.split_inclusive('\n') {
        if line.trim_end() == fence {
            close = Some((offset, offset + line.len()));
            break;
        }
        offset += line.len();
    }
    let Some((header_end, body_start)) = close else {
        return Err(FrontMatterError {
            line: 1,
            message: format!("front matter opened with `{fence}` is never closed"),
        });
    };
    let header = &rest[..header_end];
    let fields = if fence == "+++" { toml_fields(header)? } else { yaml_fields(header)? };
    let mut meta = SourceMeta::default();
    let mut ignored = Vec::new();
    for (key, value, line) in fields {
        let file_line = line + 1;
        if !meta.set(&key, value) {
            ignored.push((file_line, key));
        }
    }
    let body = &rest[body_start..];
    let body_line = line_of(text, header_start + body_start);
    Ok(Split { meta, ignored, body, body_line })
}

type Fields = Vec<(String, String, usize)>;

fn toml_fields(header: &str) -> Result<Fields, FrontMatterError> {
    let table: std::collections::BTreeMap<toml::Spanned<String>, toml::Value> =
        toml::from_str(header).map_err(|err| FrontMatterError {
            line: err.span().map(|s| line_of(header, s.start)).unwrap_or(1) + 1,
            message: format!("front matter is not valid TOML: {}", err.message()),
        })?;
    Ok(table
        .into_iter()
        .map(|(key, value)| {
            let line = line_of(header, key.span().start);
            (key.into_inner(), scalar_text(&value), line)
        })
        .collect())
}

fn scalar_text(value: &toml::Value) -> String {
    match value {
        toml::Value::String(s) => s.clone(),
        toml::Value::Array(items) => items.iter().map(scalar_text).collect::<Vec<_>>().join(", "),
        other => other.to_string(),
    }
}

fn yaml_fields(header: &str) -> Result<Fields, FrontMatterError> {
    let value: serde_yaml_ng::Value = serde_yaml_ng::from_str(header).map_err(|err| {
        // The scanner reports where it gave up; "while scanning … at line N"
        // names where the problem starts, which is the line to show.
        let message = err.to_string();
        let mentioned = message.split(" at line ").skip(1).filter_map(|r| r.split_whitespace().next()?.parse().ok());
        let line: usize = mentioned.min().or(err.location().map(|l| l.line())).unwrap_or(1);
        let mut plain = String::new();
        for (i, part) in message.split(" at line ").enumerate() {
            let part = if i == 0 {
                part
            } else {
                part.split_once(" column ").map_or("", |(_, r)| r.trim_start_matches(|c: char| c.is_ascii_digit()))
            };
            plain.push_str(part);
        }
        FrontMatterError { line: line + 1, message: format!("front matter is not valid YAML: {}", plain.trim()) }
    })?;
    let mapping = match value {
        serde_yaml_ng::Value::Mapping(m) => m,
        serde_yaml_ng::Value::Null => return Ok(Vec::new()),
        _ => {
            return Err(FrontMatterError {
                line: 2,
                message: "front matter must be a YAML mapping of keys to values".into(),
            });
        }
    };
    Ok(mapping
        .into_iter()
        .filter_map(|(key, value)| {
            let key = key.as_str()?.to_string();
            let line = header.lines().position(|l| l.trim_start().starts_with(&format!("{key}:"))).map_or(1, |p| p + 1);
            Some((key, yaml_text(&value), line))
        })
        .collect())
}

fn yaml_text(value: &serde_yaml_ng::Value) -> String {
    use serde_yaml_ng::Value;
    match value {
        Value::String(s) => s.clone(),
        Value::Number(n) => n.to_string(),
        Value::Bool(b) => b.to_string(),
        Value::Sequence(items) => items.iter().map(yaml_text).collect::<Vec<_>>().join(", "),
        _ => String::new(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn yaml_front_matter() {
        let split = split("---\noutlet: The Example\ntitle: \"A: title\"\nauthors: [A B, C D]\ntags: [x]\n---\nBody\n")
            .unwrap();
        assert_eq!(split.meta.outlet.as_deref(), Some("The Example"));
        assert_eq!(split.meta.title.as_deref(), Some("A: title"));
        assert_eq!(split.meta.byline.as_deref(), Some("A B, C D"));
        assert_eq!(split.ignored, vec![(5, "tags".to_string())]);
        assert_eq!(split.body, "Body\n");
        assert_eq!(split.body_line, 7);
    }

    #[test]
    fn toml_front_matter() {
        let split = split("+++\ntitle = \"T\"\npublished = 2026-03-03\n+++\nBody").unwrap();
        assert_eq!(split.meta.published.as_deref(), Some("2026-03-03"));
        assert_eq!(split.body_line, 5);
    }

    #[test]
    fn broken_front_matter_names_the_line() {
        let err = split("---\ntitle: ok\nbad: [unclosed\n---\nBody").unwrap_err();
        assert!(err.line >= 3, "{err:?}");
        let err = split("+++\ntitle = \n+++\n").unwrap_err();
        assert_eq!(err.line, 2);
        assert_eq!(split("---\ntitle: x\n").unwrap_err().line, 1);
    }

    #[test]
    fn no_front_matter() {
        let split = split("Title\nBody").unwrap();
        assert_eq!(split.body_line, 1);
        assert_eq!(split.meta, SourceMeta::default());
    }
}
