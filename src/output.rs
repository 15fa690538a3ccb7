//! Writing the output folder as a whole: files go into a temporary folder
//! beside it, which replaces the old folder only once everything is written,
//! so a failed (or killed) build leaves the previous output intact. A folder
//! that `briefing` did not make is never replaced. Builds into one folder
//! take turns through a lock file beside it.

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

/// Held while a build writes `out`: an advisory lock on a file beside it,
/// released when dropped or when the process ends, however it ends.
#[derive(Debug)]
pub struct OutputLock {
    _file: std::fs::File,
}

/// Locks `out` for this build. When another build holds it, `waiting` is
/// called once and the lock is awaited, so two builds never interleave.
pub fn lock(out: &Path, waiting: impl FnOnce()) -> Result<OutputLock, OutputError> {
    let (parent, name) = parent_and_name(out);
    std::fs::create_dir_all(&parent).map_err(io("create", &parent))?;
    let path = parent.join(format!(".{name}.lock"));
    let file =
        std::fs::OpenOptions::new().create(true).truncate(false).write(true).open(&path).map_err(io("open", &path))?;
    match file.try_lock() {
        Ok(()) => {}
        Err(std::fs::TryLockError::WouldBlock) => {
            waiting();
            file.lock().map_err(io("lock", &path))?;
        }
        Err(std::fs::TryLockError::Error(err)) => return Err(io("lock", &path)(err)),
    }
    recover(&parent, &name, out)?;
    Ok(OutputLock { _file: file })
}

/// Tidies what a build that was killed may have left beside `out`: its
/// unfinished folder is removed; the previous output, if it had been moved
/// aside and not replaced, is put back. Called under the lock, so no other
/// build is using them.
fn recover(parent: &Path, name: &str, out: &Path) -> Result<(), OutputError> {
    let Ok(entries) = std::fs::read_dir(parent) else { return Ok(()) };
    let mut leftovers: Vec<PathBuf> = entries
        .filter_map(Result::ok)
        .map(|e| e.path())
        .filter(|p| {
            let file = p.file_name().map(|f| f.to_string_lossy().to_string()).unwrap_or_default();
            file.starts_with(&format!(".{name}.partial-")) || file.starts_with(&format!(".{name}.old-"))
        })
        .collect();
    leftovers.sort();
    for path in leftovers {
        let retired = path.file_name().is_some_and(|f| f.to_string_lossy().starts_with(&format!(".{name}.old-")));
        if retired && !out.exists() {
            std::fs::rename(&path, out).map_err(io("restore", out))?;
        } else {
            std::fs::remove_dir_all(&path).map_err(io("remove", &path))?;
        }
    }
    Ok(())
}

fn parent_and_name(out: &Path) -> (PathBuf, String) {
    let parent = out.parent().filter(|p| !p.as_os_str().is_empty()).unwrap_or(Path::new("."));
    let name = out.file_name().map(|n| n.to_string_lossy().to_string()).unwrap_or_else(|| "site".into());
    (parent.to_path_buf(), name)
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
/// folder in place of `out`: in one atomic exchange where the system has
/// one, so that `out` is never missing, even if the process is killed. On
/// failure the temporary folder is removed.
pub fn replace_folder<E: From<OutputError>>(out: &Path, write: impl FnOnce(&Path) -> Result<(), E>) -> Result<(), E> {
    let (parent, name) = parent_and_name(out);
    std::fs::create_dir_all(&parent).map_err(io("create", &parent))?;
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
    if out.exists() && exchange(&staging, out).is_ok() {
        // `staging` now holds the previous output.
        std::fs::remove_dir_all(&staging).map_err(io("remove", &staging))?;
        return Ok(());
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

/// Swaps two folders in one step (Linux `renameat2` with `RENAME_EXCHANGE`).
#[cfg(target_os = "linux")]
fn exchange(a: &Path, b: &Path) -> std::io::Result<()> {
    use rustix::fs::{CWD, RenameFlags, renameat_with};
    renameat_with(CWD, a, CWD, b, RenameFlags::EXCHANGE).map_err(std::io::Error::from)
}

/// Elsewhere the folders are swapped by two renames, and a build killed
/// between them is repaired by the next one ([`lock`]).
#[cfg(not(target_os = "linux"))]
fn exchange(_: &Path, _: &Path) -> std::io::Result<()> {
    Err(std::io::Error::from(std::io::ErrorKind::Unsupported))
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
        replace_folder::<OutputError>(&out, |d| std::fs::write(d.join("a.txt"), "three").map_err(io("write", d)))
            .unwrap();
        assert_eq!(std::fs::read_to_string(out.join("a.txt")).unwrap(), "three");
    }

    #[test]
    fn foreign_folders_are_refused() {
        let dir = tempfile::tempdir().unwrap();
        std::fs::write(dir.path().join("notes.txt"), "mine").unwrap();
        assert!(matches!(check_target(dir.path(), Path::new("/nonexistent-seeds")), Err(OutputError::Foreign(_))));
        let seeds = dir.path().join("seeds");
        assert!(matches!(check_target(dir.path(), &seeds), Err(OutputError::ContainsSeeds { .. })));
    }

    #[test]
    fn leftovers_of_a_killed_build_are_repaired() {
        let dir = tempfile::tempdir().unwrap();
        let out = dir.path().join("site");
        // Killed after moving the old output aside, and in the middle of writing the new one.
        std::fs::create_dir(dir.path().join(".site.old-7")).unwrap();
        std::fs::write(dir.path().join(".site.old-7/a.txt"), "previous").unwrap();
        std::fs::create_dir(dir.path().join(".site.partial-8")).unwrap();
        let _lock = lock(&out, || panic!("nobody else holds the lock")).unwrap();
        assert_eq!(std::fs::read_to_string(out.join("a.txt")).unwrap(), "previous");
        let mut names: Vec<_> = std::fs::read_dir(dir.path()).unwrap().map(|e| e.unwrap().file_name()).collect();
        names.sort();
        assert_eq!(names, vec![std::ffi::OsString::from(".site.lock"), std::ffi::OsString::from("site")]);
    }

    #[test]
    fn a_second_lock_waits_for_the_first() {
        let dir = tempfile::tempdir().unwrap();
        let out = dir.path().join("site");
        let first = lock(&out, || panic!("free")).unwrap();
        let waited = std::sync::Arc::new(std::sync::atomic::AtomicBool::new(false));
        let flag = waited.clone();
        let second = std::thread::spawn(move || {
            let _second = lock(&out, || flag.store(true, std::sync::atomic::Ordering::SeqCst)).unwrap();
        });
        while !waited.load(std::sync::atomic::Ordering::SeqCst) {
            std::thread::yield_now();
        }
        drop(first);
        second.join().unwrap();
    }
}
