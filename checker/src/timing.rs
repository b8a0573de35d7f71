//! Stage times on stderr when `SHARELOCK_TIMING` is set: for profiling, never in output.

use std::cell::Cell;
use std::time::Instant;

/// Whether profiling output was asked for.
pub fn enabled() -> bool {
    std::env::var_os("SHARELOCK_TIMING").is_some()
}

/// Marks the end of each stage: the time since the last mark and the resident memory.
pub struct Timing(Option<Cell<Instant>>);

impl Timing {
    pub fn from_env() -> Timing {
        Timing(enabled().then(|| Cell::new(Instant::now())))
    }

    pub fn mark(&self, stage: &str) {
        if let Some(start) = &self.0 {
            let resident = std::fs::read_to_string("/proc/self/statm")
                .ok()
                .and_then(|statm| statm.split(' ').nth(1)?.parse::<u64>().ok())
                .map(|pages| format!(", {} MiB resident", (pages * 4096) >> 20))
                .unwrap_or_default();
            eprintln!(
                "sharelock timing: {stage}: {:.1} ms{resident}",
                start.get().elapsed().as_secs_f64() * 1000.0
            );
            start.set(Instant::now());
        }
    }
}
