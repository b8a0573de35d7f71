//! The comparison users feel: a cold `cargo check` of the same crate, its dependencies already
//! built (they are not what changed), incremental compilation off so the crate itself is
//! checked in full.

use std::fs;
use std::io;
use std::path::Path;
use std::process::Command;
use std::time::{Instant, SystemTime};

pub struct CargoCheck {
    pub secs: f64,
    /// Why the check failed, when it did (the time is then not comparable).
    pub failure: Option<String>,
}

/// Times `cargo check --offline` of `package` after `warm_up` (a package with the same
/// dependencies, or `package` itself) has been checked once untimed.
pub fn cold(package: &Path, warm_up: &Path, target_dir: &Path) -> io::Result<CargoCheck> {
    if let Err(failure) = run(warm_up, target_dir)? {
        return Ok(CargoCheck {
            secs: 0.0,
            failure: Some(failure),
        });
    }
    // Touching the crate root makes cargo re-check the whole crate, without incremental reuse.
    fs::File::options()
        .append(true)
        .open(package.join("src/lib.rs"))?
        .set_modified(SystemTime::now())?;
    let start = Instant::now();
    let result = run(package, target_dir)?;
    Ok(CargoCheck {
        secs: start.elapsed().as_secs_f64(),
        failure: result.err(),
    })
}

fn run(package: &Path, target_dir: &Path) -> io::Result<Result<(), String>> {
    let output = Command::new(std::env::var_os("CARGO").unwrap_or_else(|| "cargo".into()))
        .args(["check", "--offline", "--quiet"])
        .current_dir(package)
        .env("CARGO_TARGET_DIR", target_dir)
        .env("CARGO_INCREMENTAL", "0")
        .output()?;
    if output.status.success() {
        return Ok(Ok(()));
    }
    let stderr = String::from_utf8_lossy(&output.stderr);
    let first = stderr
        .lines()
        .find(|l| l.starts_with("error"))
        .unwrap_or("cargo check failed");
    Ok(Err(first.to_string()))
}
