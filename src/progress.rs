//! A progress bar for builds long enough to wait on. The stages report to
//! it wherever they are (like [`crate::timing`]); nothing is drawn unless
//! the command line installs a bar with [`Terminal::start`], which it does
//! only when standard error is a terminal and `--quiet` is not given, and
//! the bar appears only once the build has run for a while. It writes to
//! standard error alone, so no output file depends on it.

use std::sync::OnceLock;
use std::sync::mpsc::{self, RecvTimeoutError};
use std::thread::JoinHandle;
use std::time::Duration;

use indicatif::{ProgressBar, ProgressDrawTarget, ProgressStyle};

static BAR: OnceLock<ProgressBar> = OnceLock::new();

/// Starts a stage of `steps` steps; 0 when they cannot be counted (a spinner).
pub fn stage(name: &'static str, steps: usize) {
    if let Some(bar) = BAR.get() {
        let template = if steps == 0 {
            "{spinner} {msg} {elapsed}"
        } else {
            "{spinner} {msg:<16} [{bar:32}] {pos}/{len} {elapsed}"
        };
        bar.set_length(steps as u64);
        bar.set_position(0);
        bar.set_message(name);
        if let Ok(style) = ProgressStyle::with_template(template) {
            bar.set_style(style.progress_chars("=> "));
        }
    }
}

/// One step of the current stage done; safe from any thread.
pub fn advance() {
    if let Some(bar) = BAR.get() {
        bar.inc(1);
    }
}

/// The bar of one command on the terminal: hidden at first, drawn on
/// standard error once `delay` has passed, removed by `finish`.
pub struct Terminal {
    done: mpsc::Sender<()>,
    reveal: JoinHandle<()>,
}

impl Terminal {
    /// Installs the bar; `None` if one is installed already (a process runs one build).
    pub fn start(delay: Duration) -> Option<Terminal> {
        let bar = ProgressBar::with_draw_target(None, ProgressDrawTarget::hidden());
        BAR.set(bar.clone()).ok()?;
        let (done, wait) = mpsc::channel();
        let reveal = std::thread::spawn(move || {
            if wait.recv_timeout(delay) == Err(RecvTimeoutError::Timeout) {
                bar.set_draw_target(ProgressDrawTarget::stderr());
                bar.enable_steady_tick(Duration::from_millis(120));
            }
        });
        Some(Terminal { done, reveal })
    }

    /// Removes the bar, before the command prints its summary and warnings.
    pub fn finish(self) {
        // The thread may have shown the bar already; it ends either way.
        let _ = self.done.send(());
        let _ = self.reveal.join();
        if let Some(bar) = BAR.get() {
            bar.finish_and_clear();
            bar.set_draw_target(ProgressDrawTarget::hidden());
        }
    }
}
