//! `briefing` turns a folder of news articles about one event into a sourced
//! briefing pack: Markdown, a static HTML site, a PDF and the JSON model.
//!
//! One pipeline, one direction: [`load`] the sources → extract → compare →
//! [`assemble`] the model → [`render`] each format. Every stage is a module
//! with a small typed interface; the renderers only read the model.

pub mod assemble;
pub mod compare;
pub mod config;
pub mod corpus;
pub mod diag;
pub mod extract;
pub mod knowledge;
pub mod load;
pub mod model;
pub mod outlets;
pub mod output;
pub mod progress;
pub mod render;
pub mod text;
pub mod timing;

use std::path::{Path, PathBuf};
use std::time::Instant;

use thiserror::Error;

use config::{Config, ConfigError};
use diag::Diagnostics;
use knowledge::{Knowledge, KnowledgeError};
use load::{LoadError, LoadOptions};
use model::Briefing;
use output::OutputError;
use render::{DirSink, Format, NullSink, RenderError, Templates};

/// Why a build failed.
#[derive(Debug, Error)]
pub enum BuildError {
    #[error(transparent)]
    Load(#[from] LoadError),
    #[error(transparent)]
    Config(#[from] ConfigError),
    #[error(transparent)]
    Knowledge(#[from] KnowledgeError),
    #[error(transparent)]
    Render(#[from] RenderError),
    #[error(transparent)]
    Output(#[from] OutputError),
}

/// What to build from where.
#[derive(Debug, Clone)]
pub struct Options {
    pub seeds: PathBuf,
    pub out: PathBuf,
    /// Folder of templates overriding the built-in ones by file name.
    pub templates: Option<PathBuf>,
    /// Folder of data files overriding the built-in ones by file name.
    pub data: Option<PathBuf>,
    /// `briefing.toml`; by default the one beside the seeds folder.
    pub config: Option<PathBuf>,
    pub formats: Vec<Format>,
    pub load: LoadOptions,
}

impl Options {
    /// Default options for a seeds folder and an output folder.
    pub fn new(seeds: impl Into<PathBuf>, out: impl Into<PathBuf>) -> Options {
        Options {
            seeds: seeds.into(),
            out: out.into(),
            templates: None,
            data: None,
            config: None,
            formats: Format::ALL.to_vec(),
            load: LoadOptions::default(),
        }
    }

    /// `briefing.toml` in the folder that holds the seeds folder (the project root for `seeds/`).
    pub fn config_path(&self) -> PathBuf {
        self.config.clone().unwrap_or_else(|| {
            let parent = self.seeds.parent().unwrap_or(Path::new(""));
            parent.join("briefing.toml")
        })
    }
}

/// Loads and analyses everything: the whole model, nothing written.
pub fn analyse(options: &Options, diags: &mut Diagnostics) -> Result<Briefing, BuildError> {
    let started = Instant::now();
    let knowledge = Knowledge::load(options.data.as_deref())?;
    let config = Config::load(&options.config_path(), diags)?;
    timing::record("setup", started);

    let started = Instant::now();
    let loaded = load::load(&options.seeds, &knowledge, options.load, diags)?;
    timing::record("load", started);

    let started = Instant::now();
    let event_date = assemble::event_date(&loaded.sources, &config);
    progress::stage("reading claims", loaded.sources.len());
    let findings: Vec<extract::Findings> = {
        use rayon::prelude::*;
        loaded
            .sources
            .par_iter()
            .map(|source| {
                let found = extract::extract(source, &knowledge, event_date);
                progress::advance();
                found
            })
            .collect()
    };
    for (source, found) in loaded.sources.iter().zip(&findings) {
        for (line, message) in &found.notes {
            diags.warn(&options.seeds.join(&source.path), *line, message.clone());
        }
    }
    timing::record("extract", started);

    let started = Instant::now();
    progress::stage("comparing sources", 0);
    let compared = compare::compare(&loaded.sources, &findings, &knowledge);
    timing::record("compare", started);

    let started = Instant::now();
    let briefing = assemble::assemble(loaded, compared, &config, &knowledge, diags);
    timing::record("assemble", started);
    Ok(briefing)
}

/// Builds the briefing pack into `options.out`, replacing it only on success.
pub fn build(options: &Options, diags: &mut Diagnostics) -> Result<Briefing, BuildError> {
    output::check_target(&options.out, &options.seeds)?;
    let templates = Templates::load(options.templates.as_deref())?;
    let briefing = analyse(options, diags)?;
    let _lock = output::lock(&options.out, || {
        eprintln!("waiting for another build writing {} to finish", options.out.display());
    })?;
    output::replace_folder(&options.out, |folder| -> Result<(), BuildError> {
        render::render(&briefing, &options.formats, &templates, &DirSink::new(folder))?;
        Ok(())
    })?;
    Ok(briefing)
}

/// Does everything `build` does except writing: finds input problems and template errors.
pub fn check(options: &Options, diags: &mut Diagnostics) -> Result<Briefing, BuildError> {
    let templates = Templates::load(options.templates.as_deref())?;
    let briefing = analyse(options, diags)?;
    render::render(&briefing, &options.formats, &templates, &NullSink)?;
    Ok(briefing)
}
