//! Warnings and errors about the input, each carrying the file and line it
//! concerns as data, so that one bad article is reported and the build goes on.

use std::fmt;
use std::path::{Path, PathBuf};

/// How serious a diagnostic is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum Severity {
    Warning,
    Error,
}

/// One problem found in the input.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Diagnostic {
    pub severity: Severity,
    pub path: Option<PathBuf>,
    pub line: Option<usize>,
    pub message: String,
}

impl fmt::Display for Diagnostic {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let label = match self.severity {
            Severity::Warning => "warning",
            Severity::Error => "error",
        };
        write!(f, "{label}: ")?;
        if let Some(path) = &self.path {
            write!(f, "{}", path.display())?;
            if let Some(line) = self.line {
                write!(f, ":{line}")?;
            }
            write!(f, ": ")?;
        }
        write!(f, "{}", self.message)
    }
}

/// The diagnostics collected while building, in the order they were found.
#[derive(Debug, Default, Clone)]
pub struct Diagnostics {
    items: Vec<Diagnostic>,
}

impl Diagnostics {
    pub fn warn(&mut self, path: &Path, line: Option<usize>, message: impl Into<String>) {
        self.push(Severity::Warning, path, line, message);
    }

    pub fn error(&mut self, path: &Path, line: Option<usize>, message: impl Into<String>) {
        self.push(Severity::Error, path, line, message);
    }

    fn push(&mut self, severity: Severity, path: &Path, line: Option<usize>, message: impl Into<String>) {
        self.items.push(Diagnostic { severity, path: Some(path.to_path_buf()), line, message: message.into() });
    }

    /// Appends another stage's diagnostics (e.g. one file's, found in parallel).
    pub fn extend(&mut self, other: Diagnostics) {
        self.items.extend(other.items);
    }

    pub fn iter(&self) -> impl Iterator<Item = &Diagnostic> {
        self.items.iter()
    }

    pub fn has_errors(&self) -> bool {
        self.items.iter().any(|d| d.severity == Severity::Error)
    }

    pub fn len(&self) -> usize {
        self.items.len()
    }

    pub fn is_empty(&self) -> bool {
        self.items.is_empty()
    }
}
