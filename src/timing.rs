//! Wall-clock time per pipeline stage, printed by `--timings` so that a user
//! (or the benchmark) can see where a build spends its time.

use std::sync::Mutex;
use std::time::{Duration, Instant};

static RECORDS: Mutex<Vec<(String, Duration)>> = Mutex::new(Vec::new());

/// Records that `stage` ran from `started` until now.
pub fn record(stage: &str, started: Instant) {
    if let Ok(mut records) = RECORDS.lock() {
        records.push((stage.to_string(), started.elapsed()));
    }
}

/// Runs `work`, recording its time as `stage`.
pub fn time<T>(stage: &str, work: impl FnOnce() -> T) -> T {
    let started = Instant::now();
    let result = work();
    record(stage, started);
    result
}

/// Takes the records collected so far, in the order the stages ran.
pub fn take() -> Vec<(String, Duration)> {
    RECORDS.lock().map(|mut r| std::mem::take(&mut *r)).unwrap_or_default()
}
