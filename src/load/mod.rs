//! Stage 1, loading: finds the articles in the seeds folder, decodes them,
//! reads their metadata and separates the article text from page chrome.
//! Each file is parsed by a pure function; a bad file becomes a warning
//! naming it and the other files go on.

pub mod blocks;
pub mod clean;
pub mod decode;
pub mod frontmatter;
pub mod metadata;

use std::collections::{BTreeMap, HashMap};
use std::path::{Path, PathBuf};

use rayon::prelude::*;
use thiserror::Error;
use walkdir::WalkDir;

use crate::diag::Diagnostics;
use crate::knowledge::Knowledge;
use crate::model::{Origin, Paragraph, Removed, SkippedFile, Source};
use crate::text::{dates, word_count};
use clean::Role;
use metadata::{SourceMeta, SourcesEntry};

/// The name of the optional metadata file in the seeds folder.
pub const SOURCES_TOML: &str = "sources.toml";

/// Why no briefing can be made from the seeds folder.
#[derive(Debug, Error)]
pub enum LoadError {
    #[error("the seeds folder {0} does not exist")]
    Missing(PathBuf),
    #[error("{0} is not a folder")]
    NotAFolder(PathBuf),
    #[error("no articles in {0}: put .txt, .md or .markdown files there")]
    NoArticles(PathBuf),
    #[error("none of the {count} article files in {dir} could be read (see the warnings above)")]
    NoneUsable { dir: PathBuf, count: usize },
}

/// Limits on what is read.
#[derive(Debug, Clone, Copy)]
pub struct LoadOptions {
    /// Files larger than this many bytes are skipped with a warning.
    pub max_file_bytes: u64,
}

impl Default for LoadOptions {
    fn default() -> Self {
        Self { max_file_bytes: 16 * 1024 * 1024 }
    }
}

/// The usable sources, and the files that were not.
#[derive(Debug, Clone)]
pub struct Loaded {
    pub sources: Vec<Source>,
    pub skipped: Vec<SkippedFile>,
}

/// A file found in the seeds folder.
struct Candidate {
    path: PathBuf,
    relative: String,
}

/// What happened to one file.
enum FileOutcome {
    Used(Box<Source>, Diagnostics),
    Skipped(SkippedFile, Diagnostics),
}

/// Loads every article under `seeds`.
pub fn load(
    seeds: &Path,
    knowledge: &Knowledge,
    options: LoadOptions,
    diags: &mut Diagnostics,
) -> Result<Loaded, LoadError> {
    if !seeds.exists() {
        return Err(LoadError::Missing(seeds.to_path_buf()));
    }
    if !seeds.is_dir() {
        return Err(LoadError::NotAFolder(seeds.to_path_buf()));
    }
    let sources_toml = read_sources_toml(seeds, diags);
    let (candidates, mut skipped) = discover(seeds, diags);
    if candidates.is_empty() {
        return Err(LoadError::NoArticles(seeds.to_path_buf()));
    }
    let names: std::collections::HashSet<&str> =
        candidates.iter().flat_map(|c| [c.relative.as_str(), file_name(&c.relative)]).collect();
    for (name, entry) in &sources_toml {
        if !names.contains(name.as_str()) {
            diags.warn(
                &seeds.join(SOURCES_TOML),
                Some(entry.line),
                format!("`{name}` matches no article file in the folder"),
            );
        }
    }
    crate::progress::stage("reading articles", candidates.len());
    let outcomes: Vec<FileOutcome> = candidates
        .par_iter()
        .map(|c| {
            let entry = sources_toml.get(&c.relative).or_else(|| sources_toml.get(file_name(&c.relative)));
            let outcome = load_file(c, entry, knowledge, options);
            crate::progress::advance();
            outcome
        })
        .collect();
    let mut sources = Vec::new();
    for outcome in outcomes {
        match outcome {
            FileOutcome::Used(source, notes) => {
                diags.extend(notes);
                sources.push(*source);
            }
            FileOutcome::Skipped(file, notes) => {
                diags.extend(notes);
                skipped.push(file);
            }
        }
    }
    if sources.is_empty() {
        return Err(LoadError::NoneUsable { dir: seeds.to_path_buf(), count: candidates.len() });
    }
    assign_ids_and_labels(&mut sources);
    Ok(Loaded { sources, skipped })
}

fn file_name(relative: &str) -> &str {
    relative.rsplit('/').next().unwrap_or(relative)
}

fn read_sources_toml(seeds: &Path, diags: &mut Diagnostics) -> BTreeMap<String, SourcesEntry> {
    let path = seeds.join(SOURCES_TOML);
    let text = match std::fs::read(&path) {
        Ok(bytes) => match decode::decode(&bytes) {
            Ok(decoded) => decoded.text,
            Err(_) => {
                diags.warn(&path, None, "is not a text file; its metadata is ignored");
                return BTreeMap::new();
            }
        },
        Err(err) if err.kind() == std::io::ErrorKind::NotFound => return BTreeMap::new(),
        Err(err) => {
            diags.warn(&path, None, format!("cannot be read ({err}); its metadata is ignored"));
            return BTreeMap::new();
        }
    };
    match metadata::parse_sources_toml(&text) {
        Ok((entries, problems)) => {
            for p in problems {
                diags.warn(&path, Some(p.line), p.message);
            }
            entries
        }
        Err(p) => {
            diags.warn(&path, Some(p.line), format!("is not valid TOML ({}); its metadata is ignored", p.message));
            BTreeMap::new()
        }
    }
}

/// Article files in a stable order; other files are reported and skipped.
fn discover(seeds: &Path, diags: &mut Diagnostics) -> (Vec<Candidate>, Vec<SkippedFile>) {
    let mut candidates = Vec::new();
    let mut skipped = Vec::new();
    // Links are followed (an article kept elsewhere and linked in counts);
    // a link loop is reported as an error of its entry and skipped.
    let walker = WalkDir::new(seeds)
        .follow_links(true)
        .sort_by_file_name()
        .into_iter()
        .filter_entry(|e| e.depth() == 0 || !e.file_name().to_string_lossy().starts_with('.'));
    for entry in walker {
        let entry = match entry {
            Ok(entry) => entry,
            Err(err) => {
                let path = err.path().unwrap_or(seeds).to_path_buf();
                diags.warn(&path, None, format!("cannot be read ({err}); skipped"));
                continue;
            }
        };
        if !entry.file_type().is_file() {
            continue;
        }
        let path = entry.path().to_path_buf();
        let relative = path
            .strip_prefix(seeds)
            .unwrap_or(&path)
            .components()
            .map(|c| c.as_os_str().to_string_lossy())
            .collect::<Vec<_>>()
            .join("/");
        if relative == SOURCES_TOML {
            continue;
        }
        let extension = path.extension().map(|e| e.to_string_lossy().to_lowercase()).unwrap_or_default();
        if matches!(extension.as_str(), "txt" | "md" | "markdown") {
            candidates.push(Candidate { path, relative });
        } else {
            let reason = "not an article file (expected .txt, .md or .markdown)".to_string();
            diags.warn(&path, None, format!("{reason}; skipped"));
            skipped.push(SkippedFile { path: relative, reason });
        }
    }
    (candidates, skipped)
}

/// Reads and parses one file; I/O problems become a skip with a warning.
fn load_file(
    candidate: &Candidate,
    entry: Option<&SourcesEntry>,
    knowledge: &Knowledge,
    options: LoadOptions,
) -> FileOutcome {
    let mut notes = Diagnostics::default();
    let skip = |reason: String, line: Option<usize>, mut notes: Diagnostics| {
        notes.warn(&candidate.path, line, format!("{reason}; skipped"));
        FileOutcome::Skipped(SkippedFile { path: candidate.relative.clone(), reason }, notes)
    };
    let size = match std::fs::metadata(&candidate.path) {
        Ok(meta) => meta.len(),
        Err(err) => return skip(format!("cannot be read ({err})"), None, notes),
    };
    if size > options.max_file_bytes {
        let reason = format!(
            "is {:.1} MiB, more than the {:.0} MiB limit for one article (raise it with --max-file-size)",
            size as f64 / 1048576.0,
            options.max_file_bytes as f64 / 1048576.0
        );
        return skip(reason, None, notes);
    }
    let bytes = match std::fs::read(&candidate.path) {
        Ok(bytes) => bytes,
        Err(err) => return skip(format!("cannot be read ({err})"), None, notes),
    };
    match parse_article(&candidate.relative, &bytes, entry.map(|e| &e.meta), knowledge) {
        Ok((source, file_notes)) => {
            for (line, message) in file_notes {
                notes.warn(&candidate.path, line, message);
            }
            FileOutcome::Used(Box::new(source), notes)
        }
        Err(problem) => skip(problem.message, problem.line, notes),
    }
}

/// Why a file cannot be used, with the line where that is known.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ArticleProblem {
    pub line: Option<usize>,
    pub message: String,
}

/// Removals longer than this many words are reported, so that a reader can
/// check that no article text went with them.
const REPORTED_REMOVAL_WORDS: usize = 40;

/// Warnings about a usable file: (line, message).
pub type ArticleNotes = Vec<(Option<usize>, String)>;

/// Parses one article file's bytes. Pure: no I/O, so tests need no files.
pub fn parse_article(
    relative: &str,
    bytes: &[u8],
    listed: Option<&SourceMeta>,
    knowledge: &Knowledge,
) -> Result<(Source, ArticleNotes), ArticleProblem> {
    let mut notes = Vec::new();
    if bytes.iter().all(u8::is_ascii_whitespace) {
        return Err(ArticleProblem { line: None, message: "is empty".into() });
    }
    let decoded = decode::decode(bytes)
        .map_err(|_| ArticleProblem { line: None, message: "is a binary file, not text".into() })?;
    if let Some((line, message)) = decoded.fallback {
        notes.push((Some(line), message));
    }
    let markdown = !relative.to_lowercase().ends_with(".txt");
    let (blocks, front, front_origin) = if markdown {
        let split =
            frontmatter::split(&decoded.text).map_err(|e| ArticleProblem { line: Some(e.line), message: e.message })?;
        for (line, key) in &split.ignored {
            notes.push((Some(*line), format!("front matter key `{key}` is not used")));
        }
        (blocks::markdown_blocks(split.body, split.body_line), split.meta, Origin::FrontMatter)
    } else {
        (blocks::text_blocks(&decoded.text, 1), SourceMeta::default(), Origin::FrontMatter)
    };

    let mut provenance = BTreeMap::new();
    let mut given = |field: &str, in_file: &Option<String>, in_list: Option<&Option<String>>| -> Option<String> {
        if let Some(value) = in_file {
            provenance.insert(field.to_string(), front_origin);
            return Some(value.clone());
        }
        let value = in_list.and_then(|v| v.clone());
        if value.is_some() {
            provenance.insert(field.to_string(), Origin::SourcesToml);
        }
        value
    };
    let outlet = given("outlet", &front.outlet, listed.map(|m| &m.outlet));
    let title = given("title", &front.title, listed.map(|m| &m.title));
    let byline = given("byline", &front.byline, listed.map(|m| &m.byline));
    let published_text = given("published", &front.published, listed.map(|m| &m.published));
    let url = given("url", &front.url, listed.map(|m| &m.url));

    let cleaned = clean::clean(&blocks, knowledge, clean::Known { title: title.as_deref(), byline: byline.as_deref() });
    let mut headline = None;
    let mut paragraphs = Vec::new();
    let mut removed = Vec::new();
    for (block, role) in blocks.iter().zip(&cleaned.roles) {
        match role {
            Role::Headline => headline = Some(block.text.clone()),
            Role::Keep(kind) => paragraphs.push(Paragraph {
                n: paragraphs.len() + 1,
                text: block.text.clone(),
                kind: *kind,
                line: block.line,
            }),
            Role::Remove(reason) => {
                removed.push(Removed { text: block.text.clone(), reason: *reason, line: block.line })
            }
        }
    }
    for &(i, reason) in &cleaned.kept_long {
        let words = crate::text::words(&blocks[i].text).len();
        notes.push((
            Some(blocks[i].line),
            format!(
                "kept as article text: a line of {words} words that starts like a {} (too long to be one)",
                reason.describe()
            ),
        ));
    }
    for r in &removed {
        let words = crate::text::words(&r.text).len();
        if words > REPORTED_REMOVAL_WORDS {
            let excerpt = crate::text::shorten(&r.text, 60);
            notes.push((Some(r.line), format!("removed {words} words as {}: {excerpt}", r.reason.describe())));
        }
    }
    if paragraphs.is_empty() {
        notes.push((None, format!("no article text found ({} lines look like page furniture)", removed.len())));
    }

    let mut infer = |field: &str, value: Option<String>| {
        if value.is_some() {
            provenance.insert(field.to_string(), Origin::Inferred);
        }
        value
    };
    let title = title.or_else(|| infer("title", headline));
    let byline = byline.or_else(|| infer("byline", cleaned.byline.clone()));
    let published = match published_text {
        Some(text) => {
            let parsed = parse_published(&text, knowledge);
            if parsed.is_none() {
                provenance.remove("published");
                notes.push((None, format!("published date `{text}` is not a date (expected e.g. 2025-09-04)")));
            }
            parsed
        }
        None => infer("published", cleaned.published.map(|d| d.format("%Y-%m-%d").to_string())),
    };
    let outlet = outlet.or_else(|| {
        let host = url.as_deref().and_then(url_host)?;
        provenance.insert("outlet".into(), provenance.get("url").copied().unwrap_or(Origin::SourcesToml));
        Some(host)
    });
    let word_count = paragraphs.iter().map(|p| word_count(&p.text)).sum();
    let source = Source {
        id: String::new(),
        path: relative.to_string(),
        outlet,
        title,
        byline,
        published,
        url,
        label: String::new(),
        word_count,
        provenance,
        paragraphs,
        removed,
    };
    Ok((source, notes))
}

/// A metadata date as `YYYY-MM-DD`: ISO dates (with or without a time) or written dates.
fn parse_published(text: &str, knowledge: &Knowledge) -> Option<String> {
    let iso = text.get(..10).and_then(|head| chrono::NaiveDate::parse_from_str(head, "%Y-%m-%d").ok());
    iso.or_else(|| dates::first_full_date(text, knowledge)).map(|d| d.format("%Y-%m-%d").to_string())
}

/// "https://www.example.com/a/b" gives "example.com".
fn url_host(url: &str) -> Option<String> {
    let rest = url.split_once("://").map_or(url, |(_, rest)| rest);
    let host = rest.split(['/', '?', '#']).next()?.split('@').next_back()?.split(':').next()?;
    let host = host.strip_prefix("www.").unwrap_or(host).to_lowercase();
    (host.contains('.') && !host.is_empty()).then_some(host)
}

/// Ids are file stems, made safe for file names and unique; labels are the
/// outlet (numbered when an outlet has several articles) or "Source N".
fn assign_ids_and_labels(sources: &mut [Source]) {
    let mut used: HashMap<String, usize> = HashMap::new();
    for source in sources.iter_mut() {
        let stem = source.path.rsplit('/').next().unwrap_or(&source.path);
        let stem = stem.rsplit_once('.').map_or(stem, |(s, _)| s);
        let safe: String = stem
            .chars()
            .map(|c| if c.is_ascii_alphanumeric() || matches!(c, '-' | '_' | '.') { c } else { '-' })
            .collect();
        let safe = if safe.trim_matches(['-', '.']).is_empty() { "source".to_string() } else { safe };
        let count = used.entry(safe.clone()).or_insert(0);
        *count += 1;
        source.id = if *count == 1 { safe } else { format!("{safe}-{count}") };
    }
    let mut per_outlet: HashMap<String, usize> = HashMap::new();
    for (i, source) in sources.iter_mut().enumerate() {
        source.label = match &source.outlet {
            Some(outlet) => {
                let n = per_outlet.entry(outlet.clone()).or_insert(0);
                *n += 1;
                if *n == 1 { outlet.clone() } else { format!("{outlet} ({n})") }
            }
            None => format!("Source {}", i + 1),
        };
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn hosts_from_urls() {
        assert_eq!(url_host("https://www.example.com/a?b").as_deref(), Some("example.com"));
        assert_eq!(url_host("http://news.example.org:8080/x").as_deref(), Some("news.example.org"));
        assert_eq!(url_host("not a url"), None);
    }
}
