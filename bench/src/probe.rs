//! One measurement per child process, so that each gets a clean peak-memory figure: the bench
//! binary re-runs itself as `sharelock-bench probe KIND PATH`, the child measures and prints
//! one JSON line, and the parent reads the child's RSS high-water mark from `wait4`.

use crate::corpus::source_files;
use rayon::prelude::*;
use serde::{Deserialize, Serialize};
use sharelock_checker::{Options, Workspace};
use std::io::{self, Read};
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::sync::Arc;
use std::time::Instant;

#[derive(Clone, Copy, Debug, clap::ValueEnum)]
pub enum Kind {
    /// Read and parse every file under `src/` with syn, in parallel: the floor.
    Parse,
    /// A full `sharelock_checker::check`.
    Check,
    /// The same check with one thread (`RAYON_NUM_THREADS=1`): what the threads add.
    CheckOneThread,
    /// `Workspace::check`, a one-file edit as an overlay, and the second `check`.
    Incremental,
}

/// What a child prints.
#[derive(Serialize, Deserialize, Debug, Default)]
pub struct Outcome {
    pub secs: f64,
    pub files: usize,
    pub violations: usize,
    pub errors: usize,
    pub first_error: Option<String>,
    /// Incremental only: the re-check after the edit.
    pub edit_secs: Option<f64>,
    /// Incremental only: the re-check found what a fresh check of the edited tree finds.
    pub edit_matches_full: Option<bool>,
}

/// Bounds on one probe, so that a runaway check cannot take the machine with it: the child
/// sets them on itself (`setrlimit`), and the parent reports a probe they stopped.
#[derive(Clone, Copy, Debug, clap::Args)]
pub struct Limits {
    /// Address space of one measurement, in GiB (an allocation beyond it aborts the probe).
    #[arg(long, default_value_t = 8)]
    pub max_memory_gib: u64,
    /// CPU time of one measurement, all threads together, in seconds.
    #[arg(long, default_value_t = 600)]
    pub max_cpu_secs: u64,
}

impl Limits {
    /// Applies the limits to this process.
    pub fn apply(&self) -> io::Result<()> {
        let memory = self.max_memory_gib << 30;
        set_limit(libc::RLIMIT_AS, memory, memory)?;
        // The soft limit sends SIGXCPU, which names the cause; the kernel sends SIGKILL at the
        // hard one, so that is kept a little above.
        set_limit(libc::RLIMIT_CPU, self.max_cpu_secs, self.max_cpu_secs + 5)
    }

    fn args(&self) -> [String; 4] {
        [
            "--max-memory-gib".into(),
            self.max_memory_gib.to_string(),
            "--max-cpu-secs".into(),
            self.max_cpu_secs.to_string(),
        ]
    }
}

fn set_limit(resource: libc::__rlimit_resource_t, soft: u64, hard: u64) -> io::Result<()> {
    let limit = libc::rlimit {
        rlim_cur: soft,
        rlim_max: hard,
    };
    // SAFETY: `limit` is a valid `rlimit` for the duration of the call.
    if unsafe { libc::setrlimit(resource, &limit) } != 0 {
        return Err(io::Error::last_os_error());
    }
    Ok(())
}

/// A child's outcome and its peak resident memory.
pub struct Measured {
    pub outcome: Outcome,
    pub peak_rss_bytes: u64,
}

/// Runs in the child.
pub fn run(kind: Kind, root: &Path, policy: Option<PathBuf>) -> io::Result<Outcome> {
    let options = Options { policy };
    Ok(match kind {
        Kind::Parse => parse(root)?,
        Kind::Check | Kind::CheckOneThread => {
            let start = Instant::now();
            let report = sharelock_checker::check(root, &options);
            let secs = start.elapsed().as_secs_f64();
            Outcome {
                secs,
                ..summarize(&report)
            }
        }
        Kind::Incremental => incremental(root, options)?,
    })
}

/// Parses like the checker does (syn with span locations, whole files), spreading files of
/// unequal size over the threads largest first, one file per task.
fn parse(root: &Path) -> io::Result<Outcome> {
    let mut files = source_files(root)?;
    let start = Instant::now();
    let mut sized: Vec<(u64, PathBuf)> = files
        .drain(..)
        .map(|f| (f.metadata().map_or(0, |m| m.len()), f))
        .collect();
    sized.sort_by_key(|(size, _)| std::cmp::Reverse(*size));
    let results: Vec<Result<(), String>> = sized
        .par_iter()
        .with_max_len(1)
        .map(|(_, file)| {
            let text = std::fs::read_to_string(file).map_err(|e| e.to_string())?;
            syn::parse_file(&text)
                .map(drop)
                .map_err(|e| format!("{}: {e}", file.display()))
        })
        .collect();
    let secs = start.elapsed().as_secs_f64();
    let errors: Vec<String> = results.into_iter().filter_map(Result::err).collect();
    Ok(Outcome {
        secs,
        files: sized.len(),
        errors: errors.len(),
        first_error: errors.into_iter().next(),
        ..Outcome::default()
    })
}

/// The editor's case: a full check, then one file edited in a buffer and checked again.
fn incremental(root: &Path, options: Options) -> io::Result<Outcome> {
    let files = source_files(root)?;
    let edited = files
        .iter()
        .filter(|f| f.components().any(|c| c.as_os_str() == "features"))
        .nth(files.len() / 2)
        .or(files.first())
        .ok_or_else(|| io::Error::other("no source file to edit"))?
        .clone();
    let text = std::fs::read_to_string(&edited)?;
    let changed: Arc<str> = small_edit(&text).into();

    let mut workspace = Workspace::new(root, options.clone());
    let start = Instant::now();
    let first = workspace.check();
    let secs = start.elapsed().as_secs_f64();
    workspace.set_overlay(&edited, Some(changed.clone()));
    let start = Instant::now();
    let second = workspace.check();
    let edit_secs = start.elapsed().as_secs_f64();

    let mut fresh = Workspace::new(root, options);
    fresh.set_overlay(&edited, Some(changed));
    let full = fresh.check();
    let fingerprints = |report: &sharelock_checker::diagnostic::Report| {
        let mut all: Vec<String> = report
            .violations
            .iter()
            .map(|v| v.fingerprint.clone())
            .collect();
        all.sort();
        all
    };
    Ok(Outcome {
        secs,
        edit_secs: Some(edit_secs),
        edit_matches_full: Some(
            fingerprints(&second) == fingerprints(&full) && second.errors == full.errors,
        ),
        ..summarize(&first)
    })
}

/// A body edit as a developer makes it: the helper now also trims the start. Files without
/// the helper get a new function instead.
fn small_edit(text: &str) -> String {
    let from = "previous_normalize(text);";
    if text.contains(from) {
        text.replacen(from, "previous_normalize(text.trim_start());", 1)
    } else {
        format!("{text}\npub fn edited_in_the_editor() -> usize {{\n    42\n}}\n")
    }
}

fn summarize(report: &sharelock_checker::diagnostic::Report) -> Outcome {
    Outcome {
        files: report.summary.files,
        violations: report.violations.len(),
        errors: report.errors.len(),
        first_error: report.errors.first().map(|e| e.message.clone()),
        ..Outcome::default()
    }
}

/// Runs one probe in a child process of this binary.
pub fn spawn(
    kind: Kind,
    root: &Path,
    policy: Option<&Path>,
    limits: &Limits,
) -> io::Result<Measured> {
    let exe = std::env::current_exe()?;
    let kind_name = clap::ValueEnum::to_possible_value(&kind)
        .map(|v| v.get_name().to_string())
        .unwrap_or_default();
    let mut command = Command::new(exe);
    command
        .arg("probe")
        .arg(kind_name)
        .arg(root)
        .args(limits.args());
    if let Some(policy) = policy {
        command.arg("--policy").arg(policy);
    }
    if let Kind::CheckOneThread = kind {
        // Every pool the checker builds takes its size from it.
        command.env("RAYON_NUM_THREADS", "1");
    }
    let mut child = command
        .stdout(Stdio::piped())
        .stderr(Stdio::inherit())
        .spawn()?;
    let mut stdout = String::new();
    child
        .stdout
        .take()
        .expect("stdout is piped")
        .read_to_string(&mut stdout)?;
    let (status, peak_rss_bytes) = wait_with_rusage(child.id())?;
    match status {
        Status::Exited(0) => {}
        Status::Exited(code) => {
            return Err(io::Error::other(format!(
                "the {kind:?} probe exited with status {code}"
            )))
        }
        Status::Signalled(signal) => {
            let why = match signal {
                libc::SIGXCPU => format!(" (over {} CPU seconds)", limits.max_cpu_secs),
                libc::SIGABRT | libc::SIGSEGV => {
                    format!(" (a panic, or memory beyond {} GiB)", limits.max_memory_gib)
                }
                _ => String::new(),
            };
            return Err(io::Error::other(format!(
                "the {kind:?} probe was killed by signal {signal}{why}, peak RSS {} MiB",
                peak_rss_bytes >> 20
            )));
        }
    }
    let outcome = serde_json::from_str(stdout.trim()).map_err(io::Error::other)?;
    Ok(Measured {
        outcome,
        peak_rss_bytes,
    })
}

enum Status {
    Exited(i32),
    Signalled(i32),
}

/// Reaps the child and returns how it ended and its own peak RSS (`ru_maxrss`, in KiB on
/// Linux). `std::process::Child::wait` does not expose the child's resource usage.
fn wait_with_rusage(pid: u32) -> io::Result<(Status, u64)> {
    let mut status = 0;
    // SAFETY: an all-zero `rusage` is a valid value of this plain C struct.
    let mut usage: libc::rusage = unsafe { std::mem::zeroed() };
    // SAFETY: `pid` is our own unreaped child; `status` and `usage` are valid for writes.
    let reaped = unsafe { libc::wait4(pid as libc::pid_t, &mut status, 0, &mut usage) };
    if reaped < 0 {
        return Err(io::Error::last_os_error());
    }
    let ended = if libc::WIFSIGNALED(status) {
        Status::Signalled(libc::WTERMSIG(status))
    } else {
        Status::Exited(libc::WEXITSTATUS(status))
    };
    Ok((ended, usage.ru_maxrss as u64 * 1024))
}
