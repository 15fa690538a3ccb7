//! Editorial control from `briefing.toml`: the title, date and summary of the
//! briefing, and the editor's decisions on facts and disagreement topics
//! (pin, hide, rename, merge). Unknown keys and ids that match nothing are
//! reported with their line rather than silently ignored.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

use serde::Deserialize;
use thiserror::Error;
use toml::Spanned;

use crate::diag::Diagnostics;
use crate::knowledge::line_of;

/// A `briefing.toml` that cannot be used at all.
#[derive(Debug, Error)]
pub enum ConfigError {
    #[error("cannot read {path}")]
    Read {
        path: PathBuf,
        #[source]
        source: std::io::Error,
    },
    #[error("{path}:{line}: {message}")]
    Parse { path: PathBuf, line: usize, message: String },
}

/// A value from the file with the line it was written on.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Located<T> {
    pub value: T,
    pub line: usize,
}

/// Two or more topics shown as one.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Merge {
    pub into: Located<String>,
    pub from: Vec<Located<String>>,
}

/// The editor's settings; everything is optional.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Config {
    pub path: Option<PathBuf>,
    pub title: Option<String>,
    pub date: Option<Located<String>>,
    /// Markdown shown under the title.
    pub summary: Option<String>,
    /// Fact ids to show among the key points.
    pub pin: Vec<Located<String>>,
    /// Disagreement ids to leave out.
    pub hide: Vec<Located<String>>,
    /// Disagreement id to the topic name to show instead.
    pub rename: BTreeMap<String, Located<String>>,
    pub merge: Vec<Merge>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawMerge {
    into: Spanned<String>,
    from: Vec<Spanned<String>>,
}

#[derive(Deserialize)]
struct RawConfig {
    title: Option<String>,
    date: Option<Spanned<String>>,
    summary: Option<String>,
    #[serde(default)]
    pin: Vec<Spanned<String>>,
    #[serde(default)]
    hide: Vec<Spanned<String>>,
    #[serde(default)]
    rename: BTreeMap<Spanned<String>, Spanned<String>>,
    #[serde(default)]
    merge: Vec<Spanned<RawMerge>>,
}

const KNOWN_KEYS: [&str; 7] = ["title", "date", "summary", "pin", "hide", "rename", "merge"];

impl Config {
    /// Reads `path` if it exists; a missing file is an empty configuration.
    pub fn load(path: &Path, diags: &mut Diagnostics) -> Result<Config, ConfigError> {
        let text = match std::fs::read_to_string(path) {
            Ok(text) => text,
            Err(err) if err.kind() == std::io::ErrorKind::NotFound => return Ok(Config::default()),
            Err(source) => {
                return Err(ConfigError::Read { path: path.to_path_buf(), source });
            }
        };
        Config::parse(&text, path, diags)
    }

    /// Parses the text of a `briefing.toml`; `path` is used in messages.
    pub fn parse(text: &str, path: &Path, diags: &mut Diagnostics) -> Result<Config, ConfigError> {
        let raw: RawConfig = toml::from_str(text).map_err(|err| ConfigError::Parse {
            path: path.to_path_buf(),
            line: err.span().map(|s| line_of(text, s.start)).unwrap_or(1),
            message: err.message().to_string(),
        })?;
        let located = |s: Spanned<String>| Located { line: line_of(text, s.span().start), value: s.into_inner() };
        // Parsed a second time for the keys alone: serde drops unknown keys silently.
        let keys: BTreeMap<Spanned<String>, toml::Value> = toml::from_str(text).unwrap_or_default();
        for key in keys.keys().filter(|k| !KNOWN_KEYS.contains(&k.get_ref().as_str())) {
            diags.warn(
                path,
                Some(line_of(text, key.span().start)),
                format!("unknown key `{}` (expected {})", key.get_ref(), KNOWN_KEYS.join(", ")),
            );
        }
        let date = raw.date.map(located);
        if let Some(date) = &date
            && chrono::NaiveDate::parse_from_str(&date.value, "%Y-%m-%d").is_err()
        {
            return Err(ConfigError::Parse {
                path: path.to_path_buf(),
                line: date.line,
                message: format!("date `{}` is not a date in the form YYYY-MM-DD", date.value),
            });
        }
        Ok(Config {
            path: Some(path.to_path_buf()),
            title: raw.title.filter(|t| !t.trim().is_empty()),
            date,
            summary: raw.summary,
            pin: raw.pin.into_iter().map(located).collect(),
            hide: raw.hide.into_iter().map(located).collect(),
            rename: raw.rename.into_iter().map(|(id, name)| (id.into_inner(), located(name))).collect(),
            merge: raw
                .merge
                .into_iter()
                .map(|m| {
                    let m = m.into_inner();
                    Merge { into: located(m.into), from: m.from.into_iter().map(located).collect() }
                })
                .collect(),
        })
    }

    /// Warns about an id in the file that matches nothing in the briefing.
    pub fn warn_unmatched(&self, diags: &mut Diagnostics, what: &str, id: &Located<String>) {
        if let Some(path) = &self.path {
            diags.warn(path, Some(id.line), format!("{what} `{}` matches nothing in this briefing", id.value));
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parses_every_setting_and_reports_unknown_keys() {
        let text = "title = \"T\"\ndate = \"2025-09-04\"\npin = [\"fact-1\"]\ncolour = \"red\"\n[rename]\n\"dis-1\" = \"New\"\n[[merge]]\ninto = \"dis-2\"\nfrom = [\"dis-3\"]\n";
        let mut diags = Diagnostics::default();
        let config = Config::parse(text, Path::new("briefing.toml"), &mut diags).unwrap();
        assert_eq!(config.title.as_deref(), Some("T"));
        assert_eq!(config.pin[0], Located { value: "fact-1".into(), line: 3 });
        assert_eq!(config.rename["dis-1"].line, 6);
        assert_eq!(config.merge[0].from[0].line, 9);
        let messages: Vec<String> = diags.iter().map(|d| d.to_string()).collect();
        assert_eq!(
            messages,
            [
                "warning: briefing.toml:4: unknown key `colour` (expected title, date, summary, pin, hide, rename, merge)"
            ]
        );
    }

    #[test]
    fn bad_date_is_an_error_with_its_line() {
        let mut diags = Diagnostics::default();
        let err = Config::parse("title = \"T\"\ndate = \"4 Sept\"\n", Path::new("b.toml"), &mut diags).unwrap_err();
        assert_eq!(err.to_string(), "b.toml:2: date `4 Sept` is not a date in the form YYYY-MM-DD");
    }
}
