//! Stage 5, rendering: turns the finished model into files. One renderer per
//! format, each reading only the model (through the shared [`view`]) and
//! writing through a [`Sink`], so that `check` can render without writing.

mod html;
mod json;
mod markdown;
mod pdf;
mod templates;
pub mod view;

use std::path::{Path, PathBuf};

use thiserror::Error;

use crate::model::Briefing;
pub use pdf::{DATA_FILE as PDF_DATA_FILE, compile as compile_pdf};
pub use templates::{Templates, escape_markdown};
use view::SiteView;

/// An output format.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Format {
    Markdown,
    Html,
    Pdf,
    Json,
}

impl Format {
    pub const ALL: [Format; 4] = [Format::Markdown, Format::Html, Format::Pdf, Format::Json];

    /// What the progress bar says while the format is written.
    fn writing(self) -> &'static str {
        match self {
            Format::Markdown => "writing Markdown",
            Format::Html => "writing HTML",
            Format::Pdf => "typesetting PDF",
            Format::Json => "writing JSON",
        }
    }
}

/// Why rendering failed.
#[derive(Debug, Error)]
pub enum RenderError {
    #[error("template {name}{}: {message}", line.map(|l| format!(", line {l}")).unwrap_or_default())]
    Template { name: String, line: Option<usize>, message: String },
    #[error("the templates folder {0} does not exist")]
    TemplatesFolder(PathBuf),
    #[error("cannot read template {path}")]
    ReadTemplate {
        path: PathBuf,
        #[source]
        source: std::io::Error,
    },
    #[error("cannot write {path}")]
    Write {
        path: PathBuf,
        #[source]
        source: std::io::Error,
    },
    #[error("typesetting the PDF failed: {0}")]
    Typst(String),
    #[error("cannot serialise the briefing to JSON")]
    Json(#[from] serde_json::Error),
}

/// Where rendered files go. `Sync` so that pages can be rendered in parallel.
pub trait Sink: Sync {
    /// Writes `bytes` at `path`, relative to the output folder, with `/` separators.
    fn write(&self, path: &str, bytes: &[u8]) -> Result<(), RenderError>;
}

/// Writes into a folder on disk, creating sub-folders as needed.
pub struct DirSink {
    root: PathBuf,
}

impl DirSink {
    pub fn new(root: &Path) -> Self {
        Self { root: root.to_path_buf() }
    }
}

impl Sink for DirSink {
    fn write(&self, path: &str, bytes: &[u8]) -> Result<(), RenderError> {
        let full = self.root.join(path);
        let write = || -> std::io::Result<()> {
            if let Some(parent) = full.parent() {
                std::fs::create_dir_all(parent)?;
            }
            std::fs::write(&full, bytes)
        };
        write().map_err(|source| RenderError::Write { path: full.clone(), source })
    }
}

/// Discards everything: `check` renders to find template errors, writing nothing.
pub struct NullSink;

impl Sink for NullSink {
    fn write(&self, _path: &str, _bytes: &[u8]) -> Result<(), RenderError> {
        Ok(())
    }
}

/// Renders the chosen formats of `briefing` into `sink`.
pub fn render(
    briefing: &Briefing,
    formats: &[Format],
    templates: &Templates,
    sink: &dyn Sink,
) -> Result<(), RenderError> {
    let view = SiteView::new(briefing);
    for format in formats {
        let started = std::time::Instant::now();
        crate::progress::stage(format.writing(), if *format == Format::Html { briefing.sources.len() } else { 0 });
        match format {
            Format::Json => json::render(briefing, sink)?,
            Format::Markdown => markdown::render(&view, templates, sink)?,
            Format::Html => html::render(briefing, &view, templates, sink)?,
            Format::Pdf => pdf::render(briefing, &view, templates, sink)?,
        }
        crate::timing::record(&format!("render {format:?}").to_lowercase(), started);
    }
    Ok(())
}
