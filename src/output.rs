//! Writing the output folder as a whole: files go into a temporary folder
//! beside it, which replaces the old folder only once everything is written,
//! so a failed build leaves the previous output intact. A folder that
//! `briefing` did not make is never replaced.

use std::path::{Path, PathBuf};

use thiserror::Error;

/// The file that marks a folder as briefing output, safe to replace.
pub const MARKER: &str = ".briefing-output";
const MARKER_TEXT: &str = "This folder is written by `briefing build` and replaced on every build.\n";

#[derive(Debug, Error)]
pub enum OutputError {
    #[error("{0} exists and is not a folder")]
    NotAFolder(PathBuf),
    #[error("refusing to replace {0}: it is not empty and was not made by briefing (it has no {MARKER} file)")]
    Foreign(PathBuf),
    #[error("the output folder {out} must not contain the seeds folder {seeds}")]
    ContainsSeeds { out: PathBuf, seeds: PathBuf },
    #[error("cannot {action} {path}")]
    Io {
        action: &'static str,
        path: PathBuf,
        #[source]
        source: std::io::Error,
    },
}

fn io<'a>(action: &'static str, path: &'a Path) -> impl FnOnce(std::io::Error) -> OutputError + 'a {
    move |source| OutputError::Io { action, path: path.to_path_buf(), source }
}

/// Checks that `out` may be (re)written, before any work is done.
pub fn check_target(out: &Path, seeds: &Path) -> Result<(), OutputError> {
    let absolute = |p: &Path| std::path::absolute(p).unwrap_or_else(|_| p.to_path_buf());
    let (out_abs, seeds_abs) = (absolute(out), absolute(seeds));
    if seeds_abs.starts_with(&out_abs) {
        return Err(OutputError::ContainsSeeds { out: out.to_path_buf(), seeds: seeds.to_path_buf() });
    }
    if !out.exists() {
        return Ok(());
    }
    if !out.is_dir() {
        return Err(OutputError::NotAFolder(out.to_path_buf()));
    }
    let empty = std::fs::read_dir(out).map_err(io("read", out))?.next().is_none();
    if empty || out.join(MARKER).is_file() { Ok(()) } else { Err(OutputError::Foreign(out.to_path_buf())) }
}

/// Runs `write` on a fresh temporary folder and, if it succeeds, puts that
/// folder in place of `out`. On failure the temporary folder is removed.
pub fn replace_folder<E: From<OutputError>>(out: &Path, write: impl FnOnce(&Path) -> Result<(), E>) -> Result<(), E> {
    let parent = out.parent().filter(|p| !p.as_os_str().is_empty()).unwrap_or(Path::new("."));
    let name = out.file_name().map(|n| n.to_string_lossy().to_string()).unwrap_or_else(|| "site".into());
    std::fs::create_dir_all(parent).map_err(io("create", parent))?;
    let staging = parent.join(format!(".{name}.partial-{}", std::process::id()));
    if staging.exists() {
        std::fs::remove_dir_all(&staging).map_err(io("remove", &staging))?;
    }
    std::fs::create_dir(&staging).map_err(io("create", &staging))?;
    let written = std::fs::write(staging.join(MARKER), MARKER_TEXT).map_err(|e| E::from(io("write", &staging)(e)));
    if let Err(err) = written.and_then(|_| write(&staging)) {
        let _ = std::fs::remove_dir_all(&staging);
        return Err(err);
    }
    let retired = parent.join(format!(".{name}.old-{}", std::process::id()));
    if out.exists() {
        std::fs::rename(out, &retired).map_err(io("move aside", out))?;
    }
    if let Err(source) = std::fs::rename(&staging, out) {
        // Put the previous output back rather than leave nothing.
        let _ = std::fs::rename(&retired, out);
        let _ = std::fs::remove_dir_all(&staging);
        return Err(OutputError::Io { action: "move into place", path: out.to_path_buf(), source }.into());
    }
    if retired.exists() {
        std::fs::remove_dir_all(&retired).map_err(io("remove", &retired))?;
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn failed_write_keeps_the_old_folder() {
        let dir = tempfile::tempdir().unwrap();
        let out = dir.path().join("site");
        replace_folder::<OutputError>(&out, |d| std::fs::write(d.join("a.txt"), "one").map_err(io("write", d)))
            .unwrap();
        let failed = replace_folder::<OutputError>(&out, |d| {
            std::fs::write(d.join("a.txt"), "two").map_err(io("write", d))?;
            Err(OutputError::NotAFolder(d.to_path_buf()))
        });
        assert!(failed.is_err());
        assert_eq!(std::fs::read_to_string(out.join("a.txt")).unwrap(), "one");
        let leftovers: Vec<_> = std::fs::read_dir(dir.path()).unwrap().map(|e| e.unwrap().file_name()).collect();
        assert_eq!(leftovers, vec![std::ffi::OsString::from("site")]);
    }

    #[test]
    fn foreign_folders_are_refused() {
        let dir = tempfile::tempdir().unwrap();
        std::fs::write(dir.path().join("notes.txt"), "mine").unwrap();
        assert!(matches!(check_target(dir.path(), Path::new("/nonexistent-seeds")), Err(OutputError::Foreign(_))));
        let seeds = dir.path().join("seeds");
        assert!(matches!(check_target(dir.path(), &seeds), Err(OutputError::ContainsSeeds { .. })));
    }
}
