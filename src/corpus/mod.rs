//! A generator of benchmark corpora: any number of varied articles about one
//! invented event, the same bytes for the same seed number on every machine.
//!
//! Benchmarks need collections far larger than the seeds, and copies of one
//! file would measure nothing: every claim would match every other. So each
//! corpus invents one event (a flood in a town, say) with its people and
//! figures, and each article tells it its own way: its outlet, byline and
//! date line, a choice of facts in its own wording and order, figures that
//! drift as the toll rises, quotations cut or rendered differently, local
//! witnesses nobody else quotes, page chrome to clean away (captions,
//! teasers, promotions), and about one article in ten republished wire copy.
//! The words come from `pools.toml`; all names are invented combinations.

mod article;
mod event;

use std::path::{Path, PathBuf};

use thiserror::Error;

use event::Event;

/// Why a generated corpus could not be written.
#[derive(Debug, Error)]
#[error("cannot write {path}")]
pub struct WriteError {
    pub path: PathBuf,
    #[source]
    pub source: std::io::Error,
}

/// One generated article file.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Article {
    /// File name in the corpus folder, e.g. `00042_5f1c….md`.
    pub file_name: String,
    pub text: String,
}

/// A generated collection: the articles and the `sources.toml` that gives
/// some plain-text articles their outlet and date, as a newsroom would.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Corpus {
    pub articles: Vec<Article>,
    pub sources_toml: String,
}

/// Makes `count` articles about one event, determined by `seed` alone.
pub fn generate(count: usize, seed: u64) -> Corpus {
    let event = Event::new(seed, count);
    let mut articles: Vec<Article> = Vec::with_capacity(count);
    let mut sources_toml = String::from("# Metadata for the generated plain-text articles, keyed by file name.\n");
    let mut wire_originals: Vec<article::Draft> = Vec::new();
    for index in 0..count {
        let mut rng = Rng::new(seed ^ (index as u64 + 1).wrapping_mul(0xA076_1D64_78BD_642F));
        let written = match wire_originals.len() {
            n if n > 0 && rng.chance(0.1) => {
                let original = &wire_originals[rng.below(n)];
                article::republish(&event, index, original, &mut rng)
            }
            _ => article::write(&event, index, &mut rng),
        };
        if written.wire {
            wire_originals.push(written.draft);
        }
        if let Some(entry) = written.listed {
            sources_toml.push_str(&format!("\n[\"{}\"]\n{entry}", written.article.file_name));
        }
        articles.push(written.article);
    }
    Corpus { articles, sources_toml }
}

impl Corpus {
    /// Writes the articles and `sources.toml` into `dir`, creating it.
    pub fn write(&self, dir: &Path) -> Result<(), WriteError> {
        let write = |path: PathBuf, text: &str| -> Result<(), WriteError> {
            std::fs::write(&path, text).map_err(|source| WriteError { path, source })
        };
        std::fs::create_dir_all(dir).map_err(|source| WriteError { path: dir.to_path_buf(), source })?;
        for article in &self.articles {
            write(dir.join(&article.file_name), &article.text)?;
        }
        write(dir.join(crate::load::SOURCES_TOML), &self.sources_toml)
    }
}

/// SplitMix64: a tiny generator whose sequence is fixed by its definition,
/// so a corpus stays the same across Rust and crate versions (unlike
/// `rand`'s standard generator, whose output may change between releases).
struct Rng(u64);

impl Rng {
    fn new(seed: u64) -> Rng {
        Rng(seed)
    }

    fn next(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9E37_79B9_7F4A_7C15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        z ^ (z >> 31)
    }

    /// A number in `0..n` (`n` > 0).
    fn below(&mut self, n: usize) -> usize {
        (self.next() % n as u64) as usize
    }

    /// A number in `low..=high`.
    fn between(&mut self, low: u32, high: u32) -> u32 {
        low + self.below((high - low + 1) as usize) as u32
    }

    fn chance(&mut self, p: f64) -> bool {
        ((self.next() >> 11) as f64) < p * (1u64 << 53) as f64
    }

    fn pick<'a, T>(&mut self, items: &'a [T]) -> &'a T {
        &items[self.below(items.len())]
    }

    fn shuffle<T>(&mut self, items: &mut [T]) {
        for i in (1..items.len()).rev() {
            items.swap(i, self.below(i + 1));
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_same_seed_gives_the_same_bytes() {
        assert_eq!(generate(30, 7), generate(30, 7));
    }

    #[test]
    fn different_seeds_give_different_corpora() {
        let (a, b) = (generate(10, 1), generate(10, 2));
        assert!(a.articles.iter().zip(&b.articles).all(|(x, y)| x.text != y.text));
    }

    #[test]
    fn makes_as_many_articles_as_asked_all_different() {
        let corpus = generate(200, 3);
        assert_eq!(corpus.articles.len(), 200);
        let mut texts: Vec<&str> = corpus.articles.iter().map(|a| a.text.as_str()).collect();
        texts.sort_unstable();
        texts.dedup();
        assert_eq!(texts.len(), 200);
        let mut names: Vec<&str> = corpus.articles.iter().map(|a| a.file_name.as_str()).collect();
        names.dedup();
        assert_eq!(names.len(), 200);
    }

    #[test]
    fn has_markdown_with_front_matter_and_plain_text() {
        let corpus = generate(60, 4);
        assert!(corpus.articles.iter().any(|a| a.file_name.ends_with(".md") && a.text.starts_with("---\n")));
        assert!(corpus.articles.iter().any(|a| a.file_name.ends_with(".txt")));
        assert!(corpus.sources_toml.contains("outlet = "));
    }

    #[test]
    fn every_slot_is_filled() {
        for seed in 0..20 {
            for article in generate(40, seed).articles {
                assert!(
                    !article.text.contains(['{', '}']),
                    "unfilled slot in {}:\n{}",
                    article.file_name,
                    article.text
                );
            }
        }
    }

    #[test]
    fn generated_articles_load_as_articles() {
        let knowledge = crate::knowledge::Knowledge::load(None).unwrap();
        for article in generate(20, 5).articles {
            let (source, _) =
                crate::load::parse_article(&article.file_name, article.text.as_bytes(), None, &knowledge).unwrap();
            assert!(source.paragraphs.len() >= 5, "{}", article.file_name);
            assert!(!source.removed.is_empty() || article.text.lines().count() < 12, "{}", article.file_name);
        }
    }
}
