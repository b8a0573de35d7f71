//! The check inside `cargo build`: a helper for a crate's build script. It is opt-in (the
//! crate adds `sharelock-checker` as a build-dependency), reads the crate's own source like
//! `cargo sharelock check` does, and tells cargo what it found through build-script
//! instructions.
//!
//! ```no_run
//! // build.rs, in `fn main`:
//! sharelock_checker::build::Build::new().deny(true).run();
//! ```

use crate::diagnostic::{Location, Report};
use crate::render;
use crate::views::short;
use crate::workspace::{check, Options};
use std::path::{Path, PathBuf};

/// What to check and how strictly. `Build::new().run()` warns; `.deny(true)` fails the build.
#[derive(Clone, Debug, Default)]
pub struct Build {
    deny: bool,
    options: Options,
}

/// The result of a check, as cargo instructions.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Outcome {
    /// `cargo::rerun-if-changed=..`, `cargo::warning=..`, `cargo::error=..` lines.
    pub instructions: Vec<String>,
    /// Whether the build must fail: denying, and the check found violations or errors.
    pub fails: bool,
}

impl Build {
    pub fn new() -> Build {
        Build::default()
    }

    /// Fail the build on unsuppressed violations and on errors that stop the check (which
    /// would make the result partial). Otherwise they are warnings only.
    pub fn deny(mut self, deny: bool) -> Build {
        self.deny = deny;
        self
    }

    /// The policy file; by default `sharelock.toml` is looked up from the crate upwards.
    pub fn policy(mut self, file: impl Into<PathBuf>) -> Build {
        self.options.policy = Some(file.into());
        self
    }

    /// Checks the crate of the running build script (`CARGO_MANIFEST_DIR`) and prints the
    /// instructions for cargo. A failing check fails the build through `cargo::error=`, as
    /// cargo expects, rather than through a panic.
    pub fn run(self) {
        let Some(root) = std::env::var_os("CARGO_MANIFEST_DIR") else {
            println!(
                "cargo::error=sharelock: CARGO_MANIFEST_DIR is not set; run this from build.rs"
            );
            return;
        };
        for line in self.check(Path::new(&root)).instructions {
            println!("{line}");
        }
    }

    /// Checks the crate at `root` and says what the build script prints.
    pub fn check(&self, root: &Path) -> Outcome {
        let report = check(root, &self.options);
        self.instructions(&report, root)
    }

    fn instructions(&self, report: &Report, root: &Path) -> Outcome {
        // Rerun when a checked file, the policy or the targets change, and only then.
        let mut instructions: Vec<String> = report
            .files
            .iter()
            .map(|(file, _)| format!("cargo::rerun-if-changed={}", root.join(&**file).display()))
            .collect();
        let manifest = root.join("Cargo.toml");
        if manifest.is_file() {
            instructions.push(format!("cargo::rerun-if-changed={}", manifest.display()));
        }
        for violation in render::failing(report) {
            // Two labels reaching one call are two violations: the source tells them apart.
            let from = match violation.sink {
                Some(_) => format!(" (from {})", short(&violation.source_item)),
                None => String::new(),
            };
            instructions.push(format!(
                "cargo::warning=sharelock {}: {} at {}{from}",
                violation.code.as_str(),
                one_line(&violation.message),
                place(render::primary(violation))
            ));
        }
        for error in &report.errors {
            let at = error
                .location
                .as_ref()
                .map(|at| format!(" at {}", place(at)));
            instructions.push(format!(
                "cargo::warning=sharelock error: {}{}",
                one_line(&error.message),
                at.unwrap_or_default()
            ));
        }
        let fails = self.deny && report.exit_code() != 0;
        if fails {
            let why = match report.errors.is_empty() {
                true => "this crate shares data that its labels deny",
                false => "the check stopped on errors, and a partial result is not clean",
            };
            instructions.push(format!(
                "cargo::error=sharelock: {why} (the warnings above say where; build.rs denies \
                 it). `cargo sharelock check` shows each path"
            ));
        }
        Outcome {
            instructions,
            fails,
        }
    }
}

/// Checks the crate of the running build script and warns about violations: the shortest
/// build.rs. `Build::new().deny(true).run()` fails the build instead.
pub fn check_crate() {
    Build::new().run()
}

fn place(location: &Location) -> String {
    format!(
        "{}:{}:{}",
        location.file, location.pos.line, location.pos.column
    )
}

/// Cargo reads one instruction per line.
fn one_line(text: &str) -> String {
    text.replace(['\r', '\n'], " ")
}
