//! The end-to-end fixture suite: every folder in `tests/fixtures` is a small crate (or
//! workspace) in the messenger domain with the violations the SPEC requires in its
//! `expected.json`. The harness checks each case, compares the unsuppressed violations'
//! (file, line, code) with the expectation, and pins the human and JSON renderings of the
//! report with one insta snapshot per case, stored in the case's folder.
//!
//! `SHARELOCK_FIXTURES=text` runs only the cases whose folder name contains `text`; new
//! or changed snapshots are reviewed with `cargo insta review` (or written with
//! `INSTA_UPDATE=always`).

use serde::Deserialize;
use sharelock_checker::diagnostic::Report;
use sharelock_checker::render::{render, Format, Settings};
use sharelock_checker::{check, Options};
use std::path::{Path, PathBuf};

/// A case's `expected.json`, in the conformance format.
#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct Expected {
    /// What the case shows; quoted when the case fails.
    description: String,
    flagged: Vec<Flagged>,
    /// Hostile-input cases expect the report to carry errors.
    #[serde(default)]
    errors: bool,
}

/// Where a violation is reported: its sink call, or for SL003/SL004 its annotation.
#[derive(Deserialize, Clone, PartialEq, Eq, PartialOrd, Ord, Debug)]
#[serde(deny_unknown_fields)]
struct Flagged {
    file: String,
    line: u32,
    code: String,
}

fn fixtures_dir() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../tests/fixtures")
}

fn cases() -> Vec<PathBuf> {
    let only = std::env::var("SHARELOCK_FIXTURES").unwrap_or_default();
    let mut cases: Vec<PathBuf> = std::fs::read_dir(fixtures_dir())
        .expect("tests/fixtures is readable")
        .map(|entry| entry.expect("a directory entry").path())
        .filter(|path| path.join("expected.json").is_file())
        .filter(|path| path.file_name().unwrap().to_string_lossy().contains(&only))
        .collect();
    cases.sort();
    cases
}

fn expected(case: &Path) -> Expected {
    let text = std::fs::read_to_string(case.join("expected.json")).expect("expected.json");
    serde_json::from_str(&text)
        .unwrap_or_else(|error| panic!("{}: bad expected.json: {error}", case.display()))
}

/// The unsuppressed violations' locations, sorted, each as often as it is reported: one
/// violation per (sink call, label, party) is part of what the cases pin.
fn flagged(report: &Report) -> Vec<Flagged> {
    let mut flagged: Vec<Flagged> = report
        .violations
        .iter()
        .filter(|violation| violation.suppressed.is_none())
        .map(|violation| {
            let at = violation
                .sink
                .as_ref()
                .map_or(&violation.source, |sink| &sink.location);
            Flagged {
                file: at.file.to_string(),
                line: at.pos.line,
                code: violation.code.as_str().to_string(),
            }
        })
        .collect();
    flagged.sort();
    flagged
}

/// What differs between a case's report and its expectation, if anything.
fn mismatch(name: &str, expected: &Expected, report: &Report) -> Option<String> {
    let mut want = expected.flagged.clone();
    want.sort();
    let got = flagged(report);
    let mut problems = Vec::new();
    let missing = without(&want, &got);
    let unexpected = without(&got, &want);
    if !missing.is_empty() {
        problems.push(format!("missing {missing:?}"));
    }
    if !unexpected.is_empty() {
        problems.push(format!("unexpected {unexpected:?}"));
    }
    if expected.errors == report.errors.is_empty() {
        problems.push(format!(
            "errors expected: {}, got {:?}",
            expected.errors,
            report.errors.iter().map(|e| &e.message).collect::<Vec<_>>()
        ));
    }
    (!problems.is_empty())
        .then(|| format!("{name} ({}): {}", expected.description, problems.join("; ")))
}

/// The entries of `all` left after taking away one of each entry of `taken` (multisets).
fn without(all: &[Flagged], taken: &[Flagged]) -> Vec<Flagged> {
    let mut left = all.to_vec();
    for flagged in taken {
        if let Some(index) = left.iter().position(|f| f == flagged) {
            left.remove(index);
        }
    }
    left
}

/// The human rendering (colourless) followed by the JSON document.
fn rendering(report: &Report) -> String {
    let settings = Settings::default();
    let human = render(report, Format::Human, &settings);
    let json = render(report, Format::Json, &settings);
    format!(
        "{}{}\n---- json ----\n{}",
        human.stdout, human.stderr, json.stdout
    )
}

#[test]
fn fixtures() {
    let cases = cases();
    assert!(!cases.is_empty(), "no fixture cases found");
    let reports: Vec<(String, PathBuf, Report)> = cases
        .into_iter()
        .map(|case| {
            let name = case.file_name().unwrap().to_string_lossy().into_owned();
            let report = check(&case, &Options::default());
            (name, case, report)
        })
        .collect();
    let mismatches: Vec<String> = reports
        .iter()
        .filter_map(|(name, case, report)| mismatch(name, &expected(case), report))
        .collect();
    assert!(
        mismatches.is_empty(),
        "{} of {} cases differ from expected.json:\n{}",
        mismatches.len(),
        reports.len(),
        mismatches.join("\n")
    );
    for (name, case, report) in &reports {
        insta::with_settings!({
            snapshot_path => case.clone(),
            prepend_module_to_snapshot => false,
            omit_expression => true,
        }, {
            insta::assert_snapshot!(name.as_str(), rendering(report));
        });
    }
}
